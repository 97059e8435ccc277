"""The relevance evaluation on the demo region must not fall back: a regression in ranking, synonyms or
the demo listings fails here. Figures and the searches that fall short: benchmarks/relevance_eval.py."""

from benchmarks.relevance_eval import QUERIES_FILE, load_queries, run


def test_judged_searches_find_relevant_listings_first():
    judged = load_queries(QUERIES_FILE)
    assert len(judged) >= 120
    for name, figures in run(judged).items():
        assert figures.precision_at_5 >= 0.95, (name, figures)
        assert figures.first_relevant >= 0.95, (name, figures)
        assert figures.nothing_found <= 0.02, (name, figures)
        assert figures.broader_before_direct == 0, (name, figures)

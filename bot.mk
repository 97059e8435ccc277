# The assistant's targets (Rasa 3.6 on Python 3.10 in bot/.venv), included from the Makefile.
# `make bot-serve` serves it on loopback; `make bot-test` trains (or reuses) the model and tests it.

BOT_DIR := bot
BOT_STAMPS ?= $(if $(STAMPS),$(STAMPS),.make)
BOT_FOLDS ?= 5
BOT_RASA_PORT ?= 5005
# The action server's port is fixed by bot/endpoints.yml.
BOT_ACTIONS_PORT := 5055
BOT_HOST ?= 127.0.0.1
# The model is named after a hash of config.yml, domain/, data/ and our NLU components (understanding/,
# safety/), so it is trained once per change.
BOT_HASH = $(shell python3 $(BOT_DIR)/scripts/training_hash.py $(BOT_DIR))
# Commands run from bot/ (Rasa finds the safety component and the actions from there), with Rasa's
# library warnings (TensorFlow, SQLAlchemy, pkg_resources) silenced so real problems stand out, and
# Rasa's usage reporting off: nothing leaves the machine.
BOT_RUN := cd $(BOT_DIR) && RASA_TELEMETRY_ENABLED=false SQLALCHEMY_SILENCE_UBER_WARNING=1 \
	TF_CPP_MIN_LOG_LEVEL=3 PYTHONWARNINGS=ignore

.PHONY: bot-venv bot-train bot-validate bot-test bot-crossval bot-serve

bot-venv: $(BOT_STAMPS)/bot-venv ## Create bot/.venv (Python 3.10) and install the assistant's packages

$(BOT_STAMPS)/bot-venv: $(BOT_DIR)/requirements.txt
	@python=$$($(BOT_DIR)/scripts/find_python310.sh) || exit 1; \
	test -x $(BOT_DIR)/.venv/bin/python || $$python -m venv $(BOT_DIR)/.venv
	@echo "Installing the assistant's packages into $(BOT_DIR)/.venv (Rasa is large: a few minutes the first time)..."
	@$(BOT_DIR)/.venv/bin/pip install --quiet --disable-pip-version-check -r $(BOT_DIR)/requirements.txt 2>&1 \
		| { grep -v -e 'is ignored: it is neither' -e DEPRECATION || true; }
	@mkdir -p $(BOT_STAMPS) && touch $@

bot-train: bot-venv ## Train the assistant's model, only when its training data, config or NLU components changed
	@hash=$(BOT_HASH); model=models/$$hash.tar.gz; \
	if [ -f $(BOT_DIR)/$$model ]; then echo "The assistant's model is up to date ($(BOT_DIR)/$$model)."; exit 0; fi; \
	echo "Training the assistant's model (about two minutes)..."; mkdir -p $(BOT_DIR)/models; \
	($(BOT_RUN) .venv/bin/rasa train --quiet --domain domain --out models --fixed-model-name $$hash \
		> models/train.log 2>&1) || { tail -40 $(BOT_DIR)/models/train.log; exit 1; }; \
	ls -t $(BOT_DIR)/models/*.tar.gz | tail -n +4 | xargs -r rm --; \
	echo "Trained $(BOT_DIR)/$$model."

bot-validate: bot-venv ## Check the assistant's domain and training data (rasa data validate, no warnings)
	@output=$$($(BOT_RUN) .venv/bin/rasa data validate --quiet --domain domain --fail-on-warnings 2>&1); \
	status=$$?; printf '%s\n' "$$output" | (cd $(BOT_DIR) && .venv/bin/python -m scripts.check_validation) \
		&& [ $$status = 0 ]
	@echo "The assistant's domain and training data are valid."

bot-test: bot-validate bot-train ## Run the assistant's conversation tests, its held-out conversations, then its action and safety tests
	@results=$$(mktemp -d); \
	echo "Conversation tests (bot/tests/test_*.yml)..."; \
	($(BOT_RUN) .venv/bin/rasa test core --e2e --quiet --model models/$(BOT_HASH).tar.gz --stories tests \
		--out $$results > $$results/rasa.log 2>&1) || { tail -40 $$results/rasa.log; exit 1; }; \
	$(BOT_DIR)/.venv/bin/python $(BOT_DIR)/scripts/check_story_results.py $$results \
		|| { cat $$results/failed_test_stories.yml; exit 1; }; \
	rm -rf $$results
	@echo "Held-out conversations (bot/evaluation/heldout_conversations.yml)..."
	@$(BOT_RUN) .venv/bin/python -m evaluation.heldout models/$(BOT_HASH).tar.gz 2>/dev/null
	$(BOT_RUN) .venv/bin/pytest

bot-crossval: bot-venv ## Cross-validate the NLU (5 folds) into bot/reports/ (takes about a quarter of an hour)
	@results=$$(mktemp -d); data_hash=$$(python3 $(BOT_DIR)/scripts/training_hash.py --nlu $(BOT_DIR)); \
	($(BOT_RUN) .venv/bin/rasa test nlu --quiet --nlu data --config config.yml --cross-validation \
		--folds $(BOT_FOLDS) --no-plot --out $$results > $$results/rasa.log 2>&1) \
		|| { tail -40 $$results/rasa.log; exit 1; }; \
	$(BOT_RUN) .venv/bin/python -m scripts.crossval_summary $$results $(BOT_FOLDS) $$data_hash; \
	rm -rf $$results

bot-serve: bot-train ## Serve the assistant on loopback: Rasa REST on 5005, the action server on 5055
	@echo "Assistant: http://$(BOT_HOST):$(BOT_RASA_PORT)/webhooks/rest/webhook (actions on port $(BOT_ACTIONS_PORT))"
	@$(BOT_RUN) SANIC_HOST=$(BOT_HOST) .venv/bin/rasa run actions --quiet --actions actions --port $(BOT_ACTIONS_PORT) & \
	actions=$$!; trap 'kill $$actions 2>/dev/null' EXIT INT TERM; \
	$(BOT_RUN) .venv/bin/rasa run --quiet --model models/$(BOT_HASH).tar.gz --endpoints endpoints.yml \
		--credentials credentials.yml --interface $(BOT_HOST) --port $(BOT_RASA_PORT)

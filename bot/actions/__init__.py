"""The assistant's custom actions (run by `rasa run actions`): one module per topic."""

"""Card payments through Stripe, the webhook Stripe calls, and the ledger rules money follows."""

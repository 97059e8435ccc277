"""The demo region, its taxonomy and the generators that write them."""

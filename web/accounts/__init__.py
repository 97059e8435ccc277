from web.accounts.routes import bp

__all__ = ["bp"]

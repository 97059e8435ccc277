from web.api.routes import bp

__all__ = ["bp"]

from web.chat.routes import bp

__all__ = ["bp"]

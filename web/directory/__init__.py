from web.directory.routes import bp

__all__ = ["bp"]

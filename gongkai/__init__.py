"""Gongkai (公开): a platform for 政府信息公开 work."""

__version__ = "0.1.0"

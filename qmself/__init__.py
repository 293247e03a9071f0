"""qmself — 企业质量管理自评工具包 / enterprise quality-management self-assessment toolkit."""

__version__ = "0.1.0"

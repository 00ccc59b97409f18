"""The assets application: inquiries, control measures and disposals."""

from zhixing.assets.application.assets import AssetsApplication

__all__ = ["AssetsApplication"]

from zhixing.credit.application.credit import CreditApplication

__all__ = ["CreditApplication"]

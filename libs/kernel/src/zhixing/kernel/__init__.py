"""Zhixing kernel: value objects every service shares.

Court codes and case numbers (R38–R40), money in fen, party identities and masks (R4,
R6, R60), the statutory working calendar and period counting (R62–R64), policy tables
and clocks. Import from the submodules, e.g. ``from zhixing.kernel.periods import
period_end``; nothing is re-exported here so importing the package stays cheap.
"""

"""专项工作报告 — the congress special report (R33) and the quarterly interference summary
(R35) as HTML, PDF and a CSV annex, made from the public contract's messages so the
command (`zhixing supervise report`) and the command centre make the same document.
"""

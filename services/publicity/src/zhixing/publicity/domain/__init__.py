"""The publicity context's own aggregates (issue 17): typical cases (典型案例), reward
notices (悬赏公告), leads reported by the public (执行线索) and the parties' messages."""

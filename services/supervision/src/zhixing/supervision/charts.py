"""Charts a leader reads at a glance — trends, distributions, rankings — drawn on the
server as SVG (issue 16), for the command centre's pages and the report's PDF alike."""

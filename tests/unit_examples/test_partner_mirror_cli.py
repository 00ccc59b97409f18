"""The partner mirror's command line refuses what it cannot use before it connects."""

from __future__ import annotations

import pytest

from examples.partner_mirror.__main__ import MAX_PROCESSES, main
from examples.partner_mirror.catch_up import processes_for


@pytest.mark.parametrize("given", ["0", "-1", str(MAX_PROCESSES + 1), "two", "1e9"])
def test_processes_are_refused_naming_the_bound_when_out_of_range(given, capsys):
    with pytest.raises(SystemExit) as exited:
        main(["--bootstrap", "127.0.0.1:9", "--processes", given])
    error = capsys.readouterr().err
    assert (exited.value.code, "--processes" in error,
            f"a whole number from 1 to {MAX_PROCESSES}" in error) == (2, True, True)


@pytest.mark.parametrize(("partitions", "cores", "processes"),
                         [(3, 2, 3), (12, 2, 4), (1, 8, 1), (3, 1, 2)])
def test_one_process_per_partition_at_most_two_per_core(partitions, cores, processes,
                                                        monkeypatch):
    monkeypatch.setattr("os.cpu_count", lambda: cores)
    assert processes_for(partitions) == processes

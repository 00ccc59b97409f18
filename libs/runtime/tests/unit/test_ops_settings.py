"""The operations settings: a bad value names the variable and its bounds (STYLE 14)."""

from __future__ import annotations

import pytest

from zhixing.runtime.ops_settings import InvalidSetting, OpsSettings


class TestOpsSettings:
    def test_any_free_port_and_a_bound_of_1000_when_nothing_is_set(self):
        assert OpsSettings.from_env({}) == OpsSettings(metrics_port=0, ready_max_lag=1000)

    def test_the_values_set_are_taken_when_valid(self):
        env = {"ZHIXING_METRICS_PORT": "9464", "ZHIXING_READY_MAX_LAG": "50"}
        assert OpsSettings.from_env(env) == OpsSettings(metrics_port=9464, ready_max_lag=50)

    def test_refused_naming_the_variable_when_the_port_is_out_of_range(self):
        with pytest.raises(InvalidSetting, match=r"ZHIXING_METRICS_PORT='70000'.*0 to 65535"):
            OpsSettings.from_env({"ZHIXING_METRICS_PORT": "70000"})

"""The operations settings: a bad value names the variable and its bounds (STYLE 14)."""

from __future__ import annotations

import pytest

from zhixing.runtime.ops_settings import InvalidSetting, OpsSettings, checked_settings


class TestOpsSettings:
    def test_any_free_port_and_a_bound_of_1000_when_nothing_is_set(self):
        assert OpsSettings.from_env({}) == OpsSettings(metrics_port=0, ready_max_lag=1000)

    def test_the_values_set_are_taken_when_valid(self):
        env = {"ZHIXING_METRICS_PORT": "9464", "ZHIXING_READY_MAX_LAG": "50"}
        assert OpsSettings.from_env(env) == OpsSettings(metrics_port=9464, ready_max_lag=50)

    def test_refused_naming_the_variable_when_the_port_is_out_of_range(self):
        with pytest.raises(InvalidSetting, match=r"ZHIXING_METRICS_PORT='70000'.*0 to 65535"):
            OpsSettings.from_env({"ZHIXING_METRICS_PORT": "70000"})

    def test_twenty_a_second_after_a_burst_of_100_when_no_http_rate_is_set(self):
        rate = OpsSettings.from_env({}).web_limits().client_rate
        assert rate is not None and (rate.burst, rate.per_second) == (100, 20)

    def test_twenty_connections_per_address_when_none_are_set(self):
        assert OpsSettings.from_env({}).web_limits().max_connections_per_client == 20

    def test_the_web_limits_take_the_connections_set_when_behind_a_proxy(self):
        env = {"ZHIXING_HTTP_CONNECTIONS": "500"}
        assert OpsSettings.from_env(env).web_limits().max_connections_per_client == 500

    def test_the_web_limits_take_the_rate_set_when_valid(self):
        env = {"ZHIXING_HTTP_BURST": "10", "ZHIXING_HTTP_RATE": "2"}
        rate = OpsSettings.from_env(env).web_limits().client_rate
        assert rate is not None and (rate.burst, rate.per_second) == (10, 2)

    def test_twenty_public_calls_a_second_after_a_burst_of_100_when_no_grpc_rate_is_set(self):
        rate = OpsSettings.from_env({}).public_grpc_rate()
        assert (rate.burst, rate.per_second) == (100, 20)

    def test_the_public_grpc_rate_takes_the_values_set_when_valid(self):
        env = {"ZHIXING_GRPC_BURST": "10", "ZHIXING_GRPC_RATE": "2"}
        rate = OpsSettings.from_env(env).public_grpc_rate()
        assert (rate.burst, rate.per_second) == (10, 2)


class TestCheckedSettings:
    @pytest.mark.parametrize(("name", "value"), [
        ("ZHIXING_RELAY_BATCH", "0"), ("ZHIXING_RELAY_BATCH", "1e3"),
        ("ZHIXING_RELAY_BATCH", "100001"), ("ZHIXING_SWEEP_SECONDS", "inf"),
        ("ZHIXING_SWEEP_SECONDS", "0"), ("ZHIXING_SWEEP_SECONDS", "nan"),
        ("ZHIXING_GRPC_PORT", "-5"), ("ZHIXING_GRPC_PORT", "٣"),
        ("ZHIXING_HTTP_BURST", "9" * 5000), ("ZHIXING_HTTP_CONNECTIONS", "0"),
        ("ZHIXING_GRPC_BURST", "0"), ("ZHIXING_GRPC_RATE", "x")])  # past int()'s 4,300 digits
    def test_refused_naming_the_variable_when_out_of_bounds(self, name, value):
        with pytest.raises(InvalidSetting, match=rf"^{name}="):
            checked_settings({name: value})

    def test_the_values_set_are_taken_when_in_bounds(self):
        settings = checked_settings({"ZHIXING_RELAY_BATCH": "50", "ZHIXING_SWEEP_SECONDS": "0.5"})
        assert (settings.relay_batch, settings.sweep_seconds) == (50, 0.5)

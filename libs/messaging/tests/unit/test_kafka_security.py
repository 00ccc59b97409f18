"""Kafka credentials come from the environment the chart wires from Strimzi's Secrets
(docs/kafka-on-kubernetes.md): checked once, given to every client, never echoed."""

from __future__ import annotations

import pytest

from zhixing.messaging.kafka import kafka_broker
from zhixing.messaging.kafka_security import KafkaSecurityError, client_config, security_config

SCRAM = {"ZHIXING_KAFKA_SECURITY_PROTOCOL": "sasl_ssl",
         "ZHIXING_KAFKA_SASL_USERNAME": "zhixing-cases",
         "ZHIXING_KAFKA_SASL_PASSWORD": "s3cret-pass",
         "ZHIXING_KAFKA_SSL_CA_PEM": "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----"}


class TestSettings:
    def test_the_clients_speak_plaintext_when_nothing_is_set(self):
        assert security_config({}) == {"security.protocol": "plaintext"}

    def test_the_clients_log_in_with_scram_over_tls_when_the_user_secret_is_wired(self):
        assert security_config(SCRAM) == {
            "security.protocol": "sasl_ssl", "sasl.mechanism": "SCRAM-SHA-512",
            "sasl.username": "zhixing-cases", "sasl.password": "s3cret-pass",
            "ssl.ca.pem": SCRAM["ZHIXING_KAFKA_SSL_CA_PEM"],
            "ssl.endpoint.identification.algorithm": "https"}

    def test_the_clients_present_a_certificate_when_mutual_tls_files_are_given(self):
        config = security_config({"ZHIXING_KAFKA_SECURITY_PROTOCOL": "ssl",
                                  "ZHIXING_KAFKA_SSL_CA_LOCATION": "/etc/zhixing/kafka/ca.crt",
                                  "ZHIXING_KAFKA_SSL_CERTIFICATE_LOCATION": "/etc/zhixing/kafka/user.crt",
                                  "ZHIXING_KAFKA_SSL_KEY_LOCATION": "/etc/zhixing/kafka/user.key"})
        assert config == {"security.protocol": "ssl",
                          "ssl.ca.location": "/etc/zhixing/kafka/ca.crt",
                          "ssl.certificate.location": "/etc/zhixing/kafka/user.crt",
                          "ssl.key.location": "/etc/zhixing/kafka/user.key",
                          "ssl.endpoint.identification.algorithm": "https"}

    def test_a_client_config_has_the_broker_the_security_and_its_own_settings(self):
        config = client_config("kafka:9093", {"group.id": "g"}, environ=SCRAM)
        assert config["bootstrap.servers"] == "kafka:9093"
        assert config["group.id"] == "g" and config["sasl.username"] == "zhixing-cases"

    def test_the_broker_of_faststream_carries_the_credentials_when_they_are_set(self, monkeypatch):
        for name, value in SCRAM.items():
            monkeypatch.setenv(name, value)
        connection = kafka_broker("kafka:9093").config.broker_config.connection_config
        for config in (connection.producer_config, connection.consumer_config,
                       connection.admin_config):
            assert config["security.protocol"] == "sasl_ssl"
            assert config["sasl.username"] == "zhixing-cases"
            assert config["sasl.password"] == "s3cret-pass"


class TestRefused:
    @pytest.mark.parametrize(("environ", "names"), [
        ({"ZHIXING_KAFKA_SECURITY_PROTOCOL": "tls"}, "ZHIXING_KAFKA_SECURITY_PROTOCOL"),
        ({"ZHIXING_KAFKA_SECURITY_PROTOCOL": "sasl_ssl", "ZHIXING_KAFKA_SASL_USERNAME": "u"},
         "ZHIXING_KAFKA_SASL_PASSWORD"),
        ({"ZHIXING_KAFKA_SASL_USERNAME": "u", "ZHIXING_KAFKA_SASL_PASSWORD": "s3cret-pass"},
         "ZHIXING_KAFKA_SECURITY_PROTOCOL"),
        ({**SCRAM, "ZHIXING_KAFKA_SASL_MECHANISM": "GSSAPI"}, "ZHIXING_KAFKA_SASL_MECHANISM"),
        ({"ZHIXING_KAFKA_SECURITY_PROTOCOL": "ssl",
          "ZHIXING_KAFKA_SSL_CERTIFICATE_PEM": "cert"}, "ZHIXING_KAFKA_SSL_KEY_"),
        ({"ZHIXING_KAFKA_SSL_CA_PEM": "ca"}, "ZHIXING_KAFKA_SECURITY_PROTOCOL"),
        ({**SCRAM, "ZHIXING_KAFKA_SSL_CA_LOCATION": "/ca.crt"}, "ZHIXING_KAFKA_SSL_CA_PEM"),
        # SCRAM or PLAIN over plaintext: the login and every record readable on the wire.
        ({"ZHIXING_KAFKA_SECURITY_PROTOCOL": "sasl_plaintext", "ZHIXING_KAFKA_SASL_USERNAME": "u",
          "ZHIXING_KAFKA_SASL_PASSWORD": "s3cret-pass"}, "sasl_plaintext .*use sasl_ssl"),
        ({"ZHIXING_KAFKA_SECURITY_PROTOCOL": "SASL_PLAINTEXT", "ZHIXING_KAFKA_SASL_USERNAME": "u",
          "ZHIXING_KAFKA_SASL_PASSWORD": "s3cret-pass", "ZHIXING_KAFKA_SASL_MECHANISM": "PLAIN"},
         "use sasl_ssl"),
    ])
    def test_the_settings_are_refused_naming_the_variable_when_they_are_incomplete(
            self, environ, names):
        with pytest.raises(KafkaSecurityError, match=names) as refused:
            security_config(environ)
        assert "s3cret-pass" not in str(refused.value)  # never echo a secret

    @pytest.mark.parametrize("extra", [
        {"ssl.endpoint.identification.algorithm": "none"},
        {"enable.ssl.certificate.verification": False},
        {"security.protocol": "plaintext"},
        {"sasl.username": "zhixing-credit"},
        {"ssl.ca.location": "/tmp/any-ca.crt"},
    ])
    def test_a_client_cannot_weaken_the_security_when_it_adds_its_own_settings(self, extra):
        with pytest.raises(KafkaSecurityError, match=next(iter(extra))):
            client_config("kafka:9093", {"group.id": "g", **extra}, environ=SCRAM)

    def test_the_broker_host_is_verified_when_the_clients_speak_tls(self):
        for environ in (SCRAM, {"ZHIXING_KAFKA_SECURITY_PROTOCOL": "ssl"}):
            assert security_config(environ)["ssl.endpoint.identification.algorithm"] == "https"

    def test_the_password_is_not_shown_when_the_settings_are_printed(self):
        from zhixing.messaging.kafka_security import KafkaSecurity

        assert "s3cret-pass" not in repr(KafkaSecurity.from_env(SCRAM))

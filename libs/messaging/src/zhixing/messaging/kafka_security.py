"""How every Kafka client of the suite connects: one place for the broker's address and
its security (TLS, SASL/SCRAM or mutual TLS), read from the environment.

On Kubernetes the chart wires these variables from the Secrets Strimzi's User Operator
writes for each KafkaUser (docs/kafka-on-kubernetes.md); locally none is set and the
clients speak plaintext to the loopback broker. Every producer, consumer and admin client
(FastStream's broker included) takes its settings from `client_config`, so a client made
anywhere else would miss the credentials — a unit test checks that none is.

    ZHIXING_KAFKA_SECURITY_PROTOCOL   plaintext (default) | ssl | sasl_ssl
    ZHIXING_KAFKA_SASL_MECHANISM      SCRAM-SHA-512 (default) | SCRAM-SHA-256 | PLAIN
    ZHIXING_KAFKA_SASL_USERNAME       with sasl_*: the KafkaUser's name
    ZHIXING_KAFKA_SASL_PASSWORD       with sasl_*: its Secret's `password`
    ZHIXING_KAFKA_SSL_CA_PEM          the cluster CA certificate (PEM text) …
    ZHIXING_KAFKA_SSL_CA_LOCATION     … or a file holding it
    ZHIXING_KAFKA_SSL_CERTIFICATE_PEM / _LOCATION   mutual TLS: the user's certificate
    ZHIXING_KAFKA_SSL_KEY_PEM / _LOCATION           mutual TLS: its private key
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

PREFIX = "ZHIXING_KAFKA_"
PROTOCOLS = ("plaintext", "ssl", "sasl_ssl")
"""No sasl_plaintext: it would send the login (PLAIN: the password itself) and every
record unencrypted. Credentials travel over TLS or not at all."""
VERIFY_HOST = {"ssl.endpoint.identification.algorithm": "https"}
"""With TLS the broker's certificate must name the host dialled (librdkafka's default
since 2.0, stated so no client setting or older library turns it off)."""
_SECURITY_KEYS = ("security.", "sasl.", "ssl.", "enable.ssl.")
"""librdkafka settings that are the security's alone (`client_config` refuses them)."""
MECHANISMS = ("SCRAM-SHA-512", "SCRAM-SHA-256", "PLAIN")
_MATERIAL = (("ca", "ZHIXING_KAFKA_SSL_CA_PEM", "ZHIXING_KAFKA_SSL_CA_LOCATION"),
             ("certificate", "ZHIXING_KAFKA_SSL_CERTIFICATE_PEM",
              "ZHIXING_KAFKA_SSL_CERTIFICATE_LOCATION"),
             ("key", "ZHIXING_KAFKA_SSL_KEY_PEM", "ZHIXING_KAFKA_SSL_KEY_LOCATION"))
"""TLS material, each given as PEM text or as a file (names spelt out: the chart's tests
look for each variable it sets)."""


class KafkaSecurityError(ValueError):
    """The Kafka security settings are incomplete or contradict each other. The message
    names the variable and what it must be; it never repeats a secret."""


@dataclass(frozen=True)
class KafkaSecurity:
    """librdkafka's security settings, checked once when read."""

    protocol: str = "plaintext"
    mechanism: str = "SCRAM-SHA-512"
    username: str = ""
    password: str = field(default="", repr=False)
    tls: Mapping[str, str] = field(default_factory=dict, repr=False)
    """librdkafka key → value: `ssl.ca.pem`, `ssl.certificate.location`, …"""

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> KafkaSecurity:
        """Read and check `ZHIXING_KAFKA_*` (see the module's docstring)."""
        env = os.environ if environ is None else environ

        def get(name: str) -> str:
            return env.get(name, "").strip()

        protocol = (get("ZHIXING_KAFKA_SECURITY_PROTOCOL") or "plaintext").lower()
        if protocol == "sasl_plaintext":
            raise KafkaSecurityError(
                f"{PREFIX}SECURITY_PROTOCOL=sasl_plaintext would send the login and every "
                "record unencrypted: use sasl_ssl")
        if protocol not in PROTOCOLS:
            raise KafkaSecurityError(
                f"{PREFIX}SECURITY_PROTOCOL must be one of {', '.join(PROTOCOLS)}")
        mechanism = (get("ZHIXING_KAFKA_SASL_MECHANISM") or "SCRAM-SHA-512").upper()
        if mechanism not in MECHANISMS:
            raise KafkaSecurityError(f"{PREFIX}SASL_MECHANISM must be one of {', '.join(MECHANISMS)}")
        username, password = get("ZHIXING_KAFKA_SASL_USERNAME"), env.get("ZHIXING_KAFKA_SASL_PASSWORD", "")
        sasl = protocol.startswith("sasl_")
        if sasl and not (username and password):
            raise KafkaSecurityError(
                f"{PREFIX}SASL_USERNAME and {PREFIX}SASL_PASSWORD are required with "
                f"{PREFIX}SECURITY_PROTOCOL={protocol}")
        if not sasl and (username or password):
            raise KafkaSecurityError(
                f"{PREFIX}SASL_USERNAME/PASSWORD are set but {PREFIX}SECURITY_PROTOCOL="
                f"{protocol} does not use them: set it to sasl_ssl")
        tls = _tls_material(get, protocol)
        return cls(protocol, mechanism, username, password, tls)

    def librdkafka(self) -> dict[str, str]:
        """The settings as librdkafka (confluent_kafka, FastStream's `config`) takes them."""
        settings = {"security.protocol": self.protocol}
        if self.protocol.endswith("ssl"):
            settings |= VERIFY_HOST
        if self.protocol.startswith("sasl_"):
            settings |= {"sasl.mechanism": self.mechanism, "sasl.username": self.username,
                         "sasl.password": self.password}
        return settings | dict(self.tls)


def _tls_material(get: Any, protocol: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for item, pem_variable, location_variable in _MATERIAL:
        pem, location = get(pem_variable), get(location_variable)
        if pem and location:
            raise KafkaSecurityError(f"set {pem_variable} or {location_variable}, not both")
        if pem or location:
            found[f"ssl.{item}.{'pem' if pem else 'location'}"] = pem or location
    if found and not protocol.endswith("ssl"):
        raise KafkaSecurityError(
            f"TLS files are set but {PREFIX}SECURITY_PROTOCOL={protocol} does not use TLS: "
            "set it to ssl or sasl_ssl")
    has_cert = any(k.startswith("ssl.certificate.") for k in found)
    has_key = any(k.startswith("ssl.key.") for k in found)
    if has_cert != has_key:
        raise KafkaSecurityError(
            f"mutual TLS needs both {PREFIX}SSL_CERTIFICATE_* and {PREFIX}SSL_KEY_*")
    return found


def security_config(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """The security part of every client's configuration (FastStream's `config=`)."""
    return KafkaSecurity.from_env(environ).librdkafka()


def client_config(bootstrap: str, extra: Mapping[str, Any] | None = None,
                  environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """A confluent_kafka Producer/Consumer/AdminClient configuration: the broker, the
    security from the environment, then the client's own settings (`extra`), which may
    not touch the security: a client could otherwise turn TLS or host checks off."""
    security = security_config(environ)
    overriding = sorted(k for k in extra or {} if k in security or k.startswith(_SECURITY_KEYS))
    if overriding:
        raise KafkaSecurityError(f"a client's own settings may not change the security "
                                 f"({', '.join(overriding)}): it comes from {PREFIX}*")
    return {"bootstrap.servers": bootstrap, **security, **(extra or {})}


"""A private Apache Kafka broker on loopback that speaks TLS (its own CA, made here with
openssl), authenticates (SASL/SCRAM-SHA-512, or a client certificate on a mutual-TLS
listener) and authorizes (KRaft's StandardAuthorizer, nothing allowed without an ACL) —
what the Strimzi cluster of the chart does, so the ACLs the chart renders can be tried
with the suite's own clients. Same jars as infra/kafka/kafka.sh (fetched once)."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from confluent_kafka.admin import (
    AclBinding,
    AclBindingFilter,
    AclOperation,
    AclPermissionType,
    AdminClient,
    ResourcePatternType,
    ResourceType,
)

from testkit.processes import free_port

ROOT = Path(__file__).resolve().parents[2]
ADMIN = ("admin", "admin-secret")
JVM = ["-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]


@dataclass(frozen=True)
class SecuredKafka:
    bootstrap: str
    """SASL/SCRAM over TLS."""
    tls_bootstrap: str
    """Mutual TLS: the principal is the client certificate's CN."""
    folder: Path

    @property
    def ca_pem(self) -> str:
        return (self.folder / "ca.crt").read_text()

    def env(self, user: str, password: str) -> dict[str, str]:
        """The variables `zhixing.kafka.env` sets for a container of that KafkaUser (SCRAM,
        the cluster CA as PEM text, as the Secret's `ca.crt` gives it)."""
        return {"ZHIXING_KAFKA_BOOTSTRAP": self.bootstrap,
                "ZHIXING_KAFKA_SECURITY_PROTOCOL": "sasl_ssl",
                "ZHIXING_KAFKA_SASL_MECHANISM": "SCRAM-SHA-512",
                "ZHIXING_KAFKA_SASL_USERNAME": user, "ZHIXING_KAFKA_SASL_PASSWORD": password,
                "ZHIXING_KAFKA_SSL_CA_PEM": self.ca_pem}

    def tls_env(self, user: str) -> dict[str, str]:
        """The same for `kafka.authentication: tls`: the user's certificate and key."""
        certificate, key = _signed(self.folder, user)
        return {"ZHIXING_KAFKA_BOOTSTRAP": self.tls_bootstrap,
                "ZHIXING_KAFKA_SECURITY_PROTOCOL": "ssl", "ZHIXING_KAFKA_SSL_CA_PEM": self.ca_pem,
                "ZHIXING_KAFKA_SSL_CERTIFICATE_PEM": certificate, "ZHIXING_KAFKA_SSL_KEY_PEM": key}

    def admin_config(self) -> dict[str, str]:
        """A client configuration of the super user (the test's own setup)."""
        return {"bootstrap.servers": self.bootstrap, "security.protocol": "SASL_SSL",
                "ssl.ca.location": str(self.folder / "ca.crt"),
                "log_level": 0,  # it is asked before the broker listens
                "sasl.mechanism": "SCRAM-SHA-512", "sasl.username": ADMIN[0],
                "sasl.password": ADMIN[1]}

    def admin(self) -> AdminClient:
        return AdminClient(self.admin_config())

    def grant(self, user: str, rules: list[dict[str, Any]]) -> None:
        """Apply a KafkaUser's `spec.authorization.acls` as Strimzi's User Operator would."""
        bindings = [AclBinding(
            ResourceType[rule["resource"]["type"].upper()],
            rule["resource"].get("name", "kafka-cluster"),
            ResourcePatternType.PREFIXED if rule["resource"].get("patternType") == "prefix"
            else ResourcePatternType.LITERAL,
            f"User:{user}", "*", _operation(operation), AclPermissionType.ALLOW)
            for rule in rules for operation in rule["operations"]]
        admin = self.admin()  # held until every future is done
        for future in admin.create_acls(bindings).values():
            future.result(30)
        # The controller has them; wait until the broker's authorizer does too (the
        # metadata it answers describe_acls from is the one it authorizes with).
        mine = AclBindingFilter(ResourceType.ANY, None, ResourcePatternType.ANY, f"User:{user}",
                                None, AclOperation.ANY, AclPermissionType.ANY)
        deadline = time.monotonic() + 30
        while len(admin.describe_acls(mine).result(10)) < len(set(bindings)):
            if time.monotonic() > deadline:
                raise TimeoutError(f"the ACLs of {user} did not reach the broker in 30 s")
            threading.Event().wait(0.05)  # a metadata round; the loop ends on the condition


def _operation(name: str) -> AclOperation:
    """Strimzi's operation names (DescribeConfigs) as confluent_kafka's (DESCRIBE_CONFIGS)."""
    return AclOperation[''.join(f"_{c}" if c.isupper() else c for c in name).lstrip("_").upper()]


def _openssl(folder: Path, *args: str) -> None:
    subprocess.run(["openssl", *args], cwd=folder, check=True, capture_output=True, timeout=60)


def _signed(folder: Path, name: str, alt: str = "") -> tuple[str, str]:
    """A key and a certificate for CN=`name`, signed by the test CA (PEM texts)."""
    _openssl(folder, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", f"{name}.key",
             "-out", f"{name}.csr", "-subj", f"/CN={name}")
    extra = []
    if alt:
        (folder / f"{name}.ext").write_text(f"subjectAltName={alt}\n")
        extra = ["-extfile", f"{name}.ext"]
    _openssl(folder, "x509", "-req", "-in", f"{name}.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
             "-CAcreateserial", "-out", f"{name}.crt", "-days", "2", *extra)
    return (folder / f"{name}.crt").read_text(), (folder / f"{name}.key").read_text()


def _make_ca(folder: Path) -> None:
    _openssl(folder, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key",
             "-out", "ca.crt", "-days", "2", "-subj", "/CN=zhixing-test-cluster-ca")
    certificate, key = _signed(folder, "broker", alt="IP:127.0.0.1,DNS:localhost")
    (folder / "broker.pem").write_text(key + certificate)  # Kafka's PEM key store


def kafka_classpath() -> str:
    libs = Path(os.environ.get("ZHIXING_CACHE", Path.home() / ".cache" / "zhixing")) / "kafka" / "libs"
    if not (libs / ".zhixing-complete").exists():
        subprocess.run([str(ROOT / "infra" / "kafka" / "kafka.sh"), "fetch"], check=True,
                       capture_output=True)
    return f"{libs}/*"


@contextmanager
def secured_kafka(folder: Path, users: dict[str, str], timeout: float = 90) -> Iterator[SecuredKafka]:
    """Start the broker with SCRAM credentials for `users` (name → password) and the
    admin (a super user); stop it afterwards."""
    broker, mtls, controller = free_port(), free_port(), free_port()
    _make_ca(folder)
    props, log4j = folder / "server.properties", folder / "log4j2.properties"
    props.write_text("\n".join([
        "process.roles=broker,controller", "node.id=1",
        f"controller.quorum.bootstrap.servers=127.0.0.1:{controller}",
        f"listeners=SASL_SSL://127.0.0.1:{broker},SSL://127.0.0.1:{mtls},"
        f"CONTROLLER://127.0.0.1:{controller}",
        f"advertised.listeners=SASL_SSL://127.0.0.1:{broker},SSL://127.0.0.1:{mtls}",
        "controller.listener.names=CONTROLLER", "inter.broker.listener.name=SASL_SSL",
        "listener.security.protocol.map=CONTROLLER:PLAINTEXT,SASL_SSL:SASL_SSL,SSL:SSL",
        "ssl.keystore.type=PEM", f"ssl.keystore.location={folder / 'broker.pem'}",
        "ssl.truststore.type=PEM", f"ssl.truststore.location={folder / 'ca.crt'}",
        "listener.name.ssl.ssl.client.auth=required",
        # the principal of a certificate is its CN, as Strimzi sets it up
        "ssl.principal.mapping.rules=RULE:^CN=(.*?)(,.*)?$/$1/,DEFAULT",
        "sasl.enabled.mechanisms=SCRAM-SHA-512", "sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512",
        "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config="
        "org.apache.kafka.common.security.scram.ScramLoginModule required "
        f'username="{ADMIN[0]}" password="{ADMIN[1]}";',
        "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
        # the controller listener is plaintext inside the one process
        f"super.users=User:{ADMIN[0]};User:ANONYMOUS", "allow.everyone.if.no.acl.found=false",
        f"log.dirs={folder / 'data'}", "auto.create.topics.enable=false",
        "offsets.topic.replication.factor=1", "offsets.topic.num.partitions=1",
        "transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1",
        "share.coordinator.state.topic.replication.factor=1",
        "share.coordinator.state.topic.min.isr=1", "group.initial.rebalance.delay.ms=0",
        "default.replication.factor=1", "min.insync.replicas=1", ""]))
    log4j.write_text("status = warn\nappender.console.type = Console\nappender.console.name = OUT\n"
                     "appender.console.layout.type = PatternLayout\n"
                     "appender.console.layout.pattern = [%d] %p %m (%c)%n\n"
                     "rootLogger.level = WARN\nrootLogger.appenderRef.out.ref = OUT\n")
    java = ["java", *JVM, f"-Dlog4j2.configurationFile={log4j}", "-cp", kafka_classpath()]
    scram = [arg for name, password in {ADMIN[0]: ADMIN[1], **users}.items()
             for arg in ("--add-scram", f"SCRAM-SHA-512=[name={name},password={password}]")]
    subprocess.run([*java, "kafka.tools.StorageTool", "format", "--standalone", "-t",
                    "zhixing-acl-test-cluster1", "-c", str(props), *scram],
                   check=True, capture_output=True, timeout=120)
    with open(folder / "kafka.log", "wb") as log:
        process = subprocess.Popen([*java, "-Xmx512m", "kafka.Kafka", str(props)],
                                   stdout=log, stderr=subprocess.STDOUT)
    try:
        kafka = SecuredKafka(f"127.0.0.1:{broker}", f"127.0.0.1:{mtls}", folder)
        _wait_ready(kafka, process, folder / "kafka.log", timeout)
        yield kafka
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


def _wait_ready(kafka: SecuredKafka, process: subprocess.Popen[bytes], log: Path,
                timeout: float) -> None:
    """Until the admin is answered (each try blocks on the broker, up to 5 s)."""
    deadline = time.monotonic() + timeout
    admin = kafka.admin()
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the broker exited: {log.read_text()[-2000:]}")
        try:
            admin.list_topics(timeout=5)
            return
        except Exception:  # not up yet; the next try waits on the broker
            continue
    raise TimeoutError(f"the secured broker did not answer within {timeout:.0f} s")

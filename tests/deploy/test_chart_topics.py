"""The chart's Kafka objects match what the code uses (DESIGN §4, §7;
docs/kafka-on-kubernetes.md).

The code's side is taken from the services themselves — each registered service built
as a cluster builds it: its outbox's topics, its subscriptions and their dead-letter
topics, its audit log — not from a list kept by hand. The chart's side is
helm/zhixing/files/kafka-catalogue.yaml, which its templates render in full; the tests
marked `kubernetes` render the chart with helm and read the KafkaTopics and ACLs.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from typing import Any

import pytest
import yaml

from scripts.kafka_catalogue import (
    TARGET,
    Registration,
    SharedGroupName,
    UnclassifiedTopic,
    classify,
    derive_from,
    registrations,
)
from testkit.kafka_chart import CHART, acls, allowed, helm, of_kind, render
from zhixing.contracts.agencies import AGENCY_KINDS
from zhixing.contracts.topics import AUDIT_CHECKPOINTS, COMPACTED, assets_requests, dead_letters

VALUE_SETS = ("single-region", "two-regions", "dev")


@pytest.fixture(scope="module")
def built() -> dict[str, Registration]:
    """What each registered service, built, says it publishes, follows and audits."""
    return registrations()


@pytest.fixture(scope="module")
def code_topics(built: dict[str, Registration]) -> set[str]:
    """Every topic a service publishes to, follows, parks dead letters in, or keeps its
    audit checkpoints in."""
    return {topic for service in built.values() for topic in service.topics()}


@pytest.fixture(scope="module")
def catalogue() -> dict[str, Any]:
    return yaml.safe_load(TARGET.read_text(encoding="utf-8"))


class TestCatalogue:
    def test_every_topic_and_dead_letter_topic_is_in_the_chart_when_the_code_uses_it(
            self, code_topics, catalogue):
        missing = sorted(code_topics - set(catalogue["topics"]))
        assert not missing, (f"topics the code uses with no KafkaTopic in the chart: {missing}; "
                             "run `.venv/bin/python scripts/kafka_catalogue.py generate`")

    def test_the_chart_names_no_topic_when_the_code_does_not_use_it(self, code_topics, catalogue):
        # The outside parties' topics are the services' too: agencies read requests the
        # assets service writes, partners read notices the credit service writes.
        unknown = sorted(set(catalogue["topics"]) - code_topics)
        assert not unknown, f"KafkaTopics for topics no service uses: {unknown}"

    def test_the_catalogue_is_current_when_the_services_are_built(self, built, catalogue):
        assert derive_from(built) == catalogue, (
            "helm/zhixing/files/kafka-catalogue.yaml is stale (who reads or writes what "
            "changed): run `.venv/bin/python scripts/kafka_catalogue.py generate`")

    def test_every_topic_class_has_its_sizes_in_the_values_when_the_catalogue_names_it(
            self, catalogue):
        values = yaml.safe_load((CHART / "values.yaml").read_text(encoding="utf-8"))
        classes = set(catalogue["topics"].values())
        assert classes <= set(values["kafka"]["topics"])

    def test_every_variable_the_kafka_env_sets_is_one_the_suite_reads_when_a_pod_starts(self):
        # A misspelt name would be ignored and the client would connect without credentials.
        template = (CHART / "templates" / "_kafka.tpl").read_text(encoding="utf-8")
        set_by_chart = set(re.findall(r"\b(ZHIXING_[A-Z_]+)\b", template))
        read = "\n".join(path.read_text(encoding="utf-8") for folder in ("libs", "services")
                         for path in (CHART.parents[1] / folder).glob("*/src/**/*.py"))
        unread = {name for name in set_by_chart if f'"{name}"' not in read}
        assert len(set_by_chart) >= 7 and not unread, f"nothing reads {sorted(unread)}"

    def test_a_new_kind_of_topic_is_refused_when_no_class_gives_it_a_retention(self):
        with pytest.raises(UnclassifiedTopic, match=re.escape("zhixing.supervision.alerts.v1")):
            classify("zhixing.supervision.alerts.v1", set())
        assert classify("zhixing.supervision.events.v1", set()) == "events"

    @pytest.mark.parametrize("group", ["agency.tax.inbox", "partner.financial.x", "agency.",
                                       "zhixing-operator-2"])
    def test_a_group_an_outside_party_may_name_is_refused_when_a_service_follows_it(
            self, built, group):
        # The agency of kind tax may name any group under `agency.tax.`: a service group
        # there is one it could join (take partitions, commit offsets past records).
        intruder = Registration(frozenset(), frozenset({("zhixing.cases.events.v1", group)}),
                                False, frozenset())
        with pytest.raises(SharedGroupName, match=re.escape(group)):
            derive_from({**built, "agency": intruder})

    def test_only_integration_topics_are_mirrored_when_a_region_copies_another(self, catalogue):
        kinds = {catalogue["topics"][t] for t in catalogue["mirrored"]}
        assert kinds == {"events", "compacted"}
        assert AUDIT_CHECKPOINTS not in catalogue["mirrored"]  # each region's own chain


# --- the rendered chart (helm) ---------------------------------------------------------

@pytest.fixture(scope="module")
def rendered() -> dict[str, list[dict[str, Any]]]:
    return {value_set: render(value_set) for value_set in VALUE_SETS}


@pytest.mark.kubernetes
class TestRendered:
    @pytest.mark.parametrize("value_set", VALUE_SETS)
    def test_every_topic_has_one_kafka_topic_when_the_chart_is_rendered(
            self, rendered, code_topics, value_set):
        topics = of_kind(rendered[value_set], "KafkaTopic")
        names = [t["spec"]["topicName"] for t in topics]
        assert sorted(names) == sorted(code_topics)
        assert len({t["metadata"]["name"] for t in topics}) == len(topics)
        compacted = {t["spec"]["topicName"] for t in topics
                     if t["spec"]["config"]["cleanup.policy"] == "compact"}
        assert compacted == set(COMPACTED)

    @pytest.mark.parametrize("kind", sorted(AGENCY_KINDS))
    def test_an_agency_reads_only_its_own_requests_when_its_acls_are_rendered(self, rendered, kind):
        rules = acls(rendered["single-region"], f"zhixing-agency-{kind.replace('_', '-')}")
        assert allowed(rules, "Read", "topic", assets_requests(kind))
        assert allowed(rules, "Write", "topic", "zhixing.assets.replies.v1")
        for other in set(AGENCY_KINDS) - {kind}:
            for operation in ("Read", "Write", "Describe"):
                assert not allowed(rules, operation, "topic", assets_requests(other)), other
        assert not allowed(rules, "Read", "topic", "zhixing.assets.replies.v1")
        assert not allowed(rules, "Read", "topic", "zhixing.cases.events.v1")
        assert allowed(rules, "Read", "group", f"agency.{kind}.icbc-gateway")
        assert not any(r["resource"]["type"] == "cluster" for r in rules)

    def test_each_service_may_do_what_its_registrations_need_when_its_acls_are_rendered(
            self, rendered, built):
        docs = rendered["single-region"]
        for name, service in built.items():
            rules = acls(docs, f"zhixing-{name}")
            for topic in service.publishes:
                assert allowed(rules, "Write", "topic", topic), (name, topic)
            for topic, group in service.consumes:
                assert allowed(rules, "Read", "topic", topic), (name, topic)
                assert allowed(rules, "Read", "group", group), (name, group)
                assert allowed(rules, "Write", "topic", dead_letters(topic, group)), (name, group)
            if service.audited:
                assert allowed(rules, "Write", "topic", AUDIT_CHECKPOINTS), name
            assert not any({"Create", "All", "Delete", "AlterConfigs"} & set(r["operations"])
                           for r in rules), name

    def test_a_topics_writer_reads_its_dead_letters_only_when_its_acls_are_rendered(
            self, rendered):
        # What `zhixing dlq replay` needs in the writer's pod, and no other topic's.
        cases = acls(rendered["single-region"], "zhixing-cases")
        assert allowed(cases, "Read", "topic", dead_letters("zhixing.cases.events.v1",
                                                            "publicity.zhongben"))
        assert not allowed(cases, "Read", "topic", dead_letters("zhixing.assets.events.v1",
                                                                "cases.facts.assets"))
        publicity = acls(rendered["single-region"], "zhixing-publicity")
        assert not allowed(publicity, "Read", "topic", dead_letters("zhixing.cases.events.v1",
                                                                    "publicity.zhongben"))

    def test_keda_may_only_describe_the_groups_and_topics_when_it_measures_the_lag(
            self, rendered, built):
        rules = acls(rendered["single-region"], "zhixing-keda")
        for service in built.values():
            for topic, group in service.consumes:
                assert allowed(rules, "Describe", "topic", topic), topic
                assert allowed(rules, "Describe", "group", group), group
                assert not allowed(rules, "Read", "topic", topic), topic
        assert {op for r in rules for op in r["operations"]} == {"Describe"}

    def test_a_service_cannot_read_what_it_does_not_consume_when_its_acls_are_rendered(
            self, rendered):
        rules = acls(rendered["single-region"], "zhixing-publicity")
        assert not allowed(rules, "Read", "topic", assets_requests("bank_deposit"))
        assert not allowed(rules, "Write", "topic", "zhixing.cases.events.v1")
        assert not allowed(rules, "Read", "group", "cases.case-index")

    def test_the_mirror_copies_only_the_integration_topics_when_two_regions_run(
            self, rendered, catalogue):
        (mirror,) = of_kind(rendered["two-regions"], "KafkaMirrorMaker2")
        (source,) = mirror["spec"]["mirrors"]
        pattern = re.compile(source["topicsPattern"])
        copied = {t for t in catalogue["topics"] if pattern.fullmatch(t)}
        assert copied == {"zhixing.cases.events.v1", "zhixing.assets.events.v1",
                          "zhixing.credit.events.v1", "zhixing.relief.events.v1",
                          "zhixing.supervision.events.v1", "zhixing.publicity.events.v1",
                          "zhixing.credit.list.v1"}
        assert source["source"]["alias"] == "chengdu"
        assert not of_kind(rendered["single-region"], "KafkaMirrorMaker2")
        credit = acls(rendered["two-regions"], "zhixing-credit")
        assert allowed(credit, "Read", "topic", "chengdu.zhixing.credit.list.v1")
        mirror_user = acls(rendered["two-regions"], "zhixing-mirror")
        assert allowed(mirror_user, "Write", "topic", "chengdu.zhixing.credit.list.v1")
        for other in ("chengdu.zhixing.assets.requests.v1.bank_deposit",
                      "chengdu.zhixing.audit.checkpoints.v1"):
            for operation in ("Write", "Create", "AlterConfigs"):
                assert not allowed(mirror_user, operation, "topic", other), (operation, other)
        reader = acls(rendered["two-regions"], "zhixing-mirror-reader-chengdu")
        assert not allowed(reader, "Read", "topic", assets_requests("bank_deposit"))
        assert allowed(reader, "Read", "topic", "zhixing.credit.list.v1")

    def test_every_name_takes_the_namespace_when_the_topics_are_namespaced(
            self, tmp_path, code_topics):
        overrides = tmp_path / "namespaced.yaml"
        overrides.write_text("settings: {topicNamespace: staging}\nregion: {peers: [chengdu]}\n",
                             encoding="utf-8")
        docs = render("two-regions", extra=overrides)
        names = {t["spec"]["topicName"] for t in of_kind(docs, "KafkaTopic")}
        assert names == {f"staging.{t}" for t in code_topics}
        credit = acls(docs, "zhixing-credit")
        assert allowed(credit, "Write", "topic", "staging.zhixing.credit.list.v1")
        assert allowed(credit, "Read", "topic", "chengdu.staging.zhixing.credit.list.v1")
        assert allowed(credit, "Read", "group", "reader.chengdu.staging.zhixing.credit.list.v1")
        assert allowed(credit, "Read", "group", "reader.staging.zhixing.audit.checkpoints.v1")
        assert not allowed(credit, "Write", "topic", "zhixing.credit.list.v1")
        (mirror,) = of_kind(docs, "KafkaMirrorMaker2")
        assert re.fullmatch(mirror["spec"]["mirrors"][0]["topicsPattern"],
                            "staging.zhixing.credit.list.v1")

    @pytest.mark.parametrize("value_set", VALUE_SETS)
    def test_credentials_come_from_the_users_secret_when_a_container_takes_the_kafka_env(
            self, tmp_path, value_set):
        chart = tmp_path / "zhixing"
        shutil.copytree(CHART, chart)
        (chart / "templates" / "probe.yaml").write_text(
            '{{- range list "cases" "operator" }}\n---\nservice: {{ . }}\nenv:\n'
            '{{- include "zhixing.kafka.env" (dict "root" $ "service" .) | nindent 2 }}\n'
            '{{- end }}\n', encoding="utf-8")
        probes = [d for d in render(value_set, chart) if "service" in d]
        users = {d["metadata"]["name"] for d in of_kind(render(value_set), "KafkaUser")}
        for probe in probes:
            env = {e["name"]: e for e in probe["env"]}
            password = env["ZHIXING_KAFKA_SASL_PASSWORD"]
            assert "value" not in password
            ref = password["valueFrom"]["secretKeyRef"]
            assert ref == {"name": f"zhixing-{probe['service']}", "key": "password"}
            assert ref["name"] in users  # the Secret Strimzi writes for that KafkaUser
            assert env["ZHIXING_KAFKA_SASL_USERNAME"]["value"] == ref["name"]
            assert env["ZHIXING_KAFKA_SECURITY_PROTOCOL"]["value"] == "sasl_ssl"
            assert env["ZHIXING_KAFKA_SSL_CA_PEM"]["valueFrom"]["secretKeyRef"]["key"] == "ca.crt"
            assert "ZHIXING_PEER_REGIONS" not in env  # the workloads' (zhixing.env) alone

    def test_the_chart_is_refused_when_the_kafka_listener_would_not_speak_tls(self, tmp_path):
        # SCRAM over plaintext: the login and every record (personal data) on the wire.
        overrides = tmp_path / "plaintext.yaml"
        overrides.write_text("kafka: {tls: false}\n", encoding="utf-8")
        with pytest.raises(subprocess.CalledProcessError) as refused:
            render("single-region", extra=overrides)
        assert "kafka.tls false" in refused.value.stderr

    def test_a_mirror_alias_cannot_reach_this_regions_topics_when_it_is_named_like_them(
            self, tmp_path):
        overrides = tmp_path / "alias.yaml"
        overrides.write_text(
            "region: {peers: [zhixing]}\nkafka:\n  mirror:\n    sources:\n"
            "      - {alias: zhixing, bootstrapServers: 'b:9093', caSecret: c, username: u,"
            " credentialsSecret: s}\n", encoding="utf-8")
        rules = acls(render("two-regions", extra=overrides), "zhixing-mirror")
        assert allowed(rules, "Write", "topic", "zhixing.zhixing.cases.events.v1")
        assert not allowed(rules, "Write", "topic", "zhixing.cases.events.v1")
        assert not allowed(rules, "AlterConfigs", "topic", "zhixing.credit.list.v1")

    def test_the_chart_is_refused_when_two_kafka_users_would_share_a_name(self, tmp_path):
        # A release name of 53 characters (helm's longest) leaves 9 for the principal:
        # both readers would be <release>-mirror-re, one region's mirror logging in with
        # the other's Secret and ACLs.
        overrides = tmp_path / "readers.yaml"
        overrides.write_text("kafka:\n  mirror:\n    readers: [chengdu, chongqing]\n",
                             encoding="utf-8")
        refused = subprocess.run(
            [helm(), "template", "r" * 53, str(CHART), "-f",
             str(CHART / "values" / "two-regions.yaml"), "-f", str(overrides)],
            capture_output=True, text=True, check=False)
        assert refused.returncode != 0 and "would be both" in refused.stderr, refused.stderr
        assert "mirror-reader-chengdu" in refused.stderr

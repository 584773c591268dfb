"""Pure rules of the messaging layer: names, keys, delays, configurations, parsing."""

from __future__ import annotations

from typing import ClassVar
from uuid import uuid4

import pytest
from nats.js.api import StreamConfig

from gridkit.events import CloudEvent
from gridkit.messaging import consumer, relay
from gridkit.messaging.inbox import PoisonMessage, read_event
from gridkit.messaging.leadership import asyncpg_dsn, lock_key
from gridkit.messaging.streams import config_differences, stream_config
from gridkit.settings import ServiceSettings
from gridkit.testing import admin_url, database_url


class OrgSettings(ServiceSettings):
    service_name: ClassVar[str] = "org"


def test_lock_keys_are_stable_signed_64_bit_numbers_distinct_per_name() -> None:
    assert lock_key("outbox-relay:org") == lock_key("outbox-relay:org")
    assert lock_key("outbox-relay:org") != lock_key("outbox-relay:cases")
    assert -(2**63) <= lock_key("outbox-relay:org") < 2**63


def test_asyncpg_gets_a_plain_postgresql_dsn_with_the_password() -> None:
    url = "postgresql+asyncpg://app:s3cret@db.internal:6543/pioneer_org?ssl=require"
    assert asyncpg_dsn(url) == "postgresql://app:s3cret@db.internal:6543/pioneer_org?ssl=require"


def test_relay_back_off_doubles_up_to_its_ceiling() -> None:
    delays = [relay.retry_delay(n, base=0.5, ceiling=5) for n in range(6)]
    assert delays == [0.5, 1.0, 2.0, 4.0, 5.0, 5.0]


def test_consumer_retries_follow_the_backoff_list_and_stay_on_its_last_step() -> None:
    backoff = (1, 2, 5)
    assert [consumer.retry_delay(backoff, d) for d in (1, 2, 3, 4, 9)] == [1, 2, 5, 5, 5]


def test_the_consumer_configuration_is_durable_explicit_and_bounded() -> None:
    config = consumer.consumer_config(
        "personnel-grids", "ns.org.grid.>", max_deliver=10, backoff=consumer.DEFAULT_BACKOFF
    )
    assert (config.name, config.durable_name) == ("personnel-grids", "personnel-grids")
    assert config.ack_policy == "explicit"
    assert config.deliver_policy == "all"
    assert config.max_deliver == 10
    assert config.filter_subject == "ns.org.grid.>"
    assert config.ack_wait == consumer.DEFAULT_BACKOFF[0]
    assert config.backoff is not None
    assert len(config.backoff) < config.max_deliver


@pytest.mark.parametrize("backoff", [(), (1, 2, 3), (0, 1)])
def test_the_consumer_refuses_a_backoff_jetstream_would_reject(backoff: tuple[float, ...]) -> None:
    with pytest.raises(ValueError, match="backoff"):
        consumer.consumer_config("c", "org.>", max_deliver=3, backoff=backoff)


def test_a_service_stream_keeps_every_event_on_file_under_the_namespace() -> None:
    settings = OrgSettings(events_namespace="t1234abcd", stream_duplicate_window_seconds=3600)
    config = stream_config(settings)
    assert config.name == "T1234ABCD_ORG"
    assert config.subjects == ["t1234abcd.org.>"]
    assert (config.max_msgs, config.max_bytes, config.max_age) == (-1, -1, 0)
    assert config.storage == "file"
    assert config.retention == "limits"
    assert config.duplicate_window == 3600
    assert stream_config(OrgSettings()).name == "ORG"


def test_a_stream_as_the_server_reports_it_matches_the_one_asked_for() -> None:
    desired = stream_config(OrgSettings())
    reported = StreamConfig.from_response(
        {
            "name": "ORG",
            "subjects": ["org.>"],
            "retention": "limits",
            "storage": "file",
            "max_msgs": -1,
            "max_bytes": -1,
            "max_age": 0,
            "max_msgs_per_subject": -1,
            "duplicate_window": desired.duplicate_window * 10**9,
            "num_replicas": 3,
        }
    )
    assert config_differences(reported, desired) == {}
    changed = reported.evolve(duplicate_window=60.0)
    assert config_differences(changed, desired) == {"duplicate_window": desired.duplicate_window}


def test_an_event_is_read_with_its_id_aggregate_and_version() -> None:
    aggregate_id = uuid4()
    event = CloudEvent(
        source="/pioneer-grid/org",
        type="org.grid.renamed",
        subject=str(aggregate_id),
        sequence="4",
        data={"name": "x"},
    )
    received = read_event(event.to_json())
    assert received.event == event
    assert str(received.event_id) == event.id
    assert (received.aggregate_type, received.aggregate_id, received.version) == (
        "grid",
        aggregate_id,
        4,
    )


def test_an_event_without_sequence_has_no_version_and_needs_no_aggregate_id() -> None:
    event = CloudEvent(source="/pioneer-grid/org", type="org.grid.audited")
    received = read_event(event.to_json())
    assert (received.version, received.aggregate_id) == (None, None)


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        (b"{not json", "CloudEvents"),
        (b"[1, 2]", "CloudEvents"),
        (b'{"source": "/x"}', "CloudEvents"),
        (b'{"id": "7", "source": "/x", "type": "org.grid.created"}', "UUID"),
        (b'{"id": "%s", "source": "/x", "type": "created"}' % str(uuid4()).encode(), "type"),
        (
            b'{"id": "%s", "source": "/x", "type": "org.grid.created", "sequence": "two", '
            b'"subject": "%s"}' % (str(uuid4()).encode(), str(uuid4()).encode()),
            "integer",
        ),
        (
            b'{"id": "%s", "source": "/x", "type": "org.grid.created", "sequence": "2"}'
            % str(uuid4()).encode(),
            "aggregate id",
        ),
    ],
)
def test_a_message_that_is_no_usable_event_is_poison(raw: bytes, why: str) -> None:
    with pytest.raises(PoisonMessage, match=why):
        read_event(raw)


def test_test_databases_are_reached_through_the_admin_database_of_their_server() -> None:
    admin = admin_url("postgresql://postgres:pw@127.0.0.1:5433/pioneer_org")
    assert admin == "postgresql+asyncpg://postgres:pw@127.0.0.1:5433/postgres"
    assert database_url(admin, "t_1") == "postgresql+asyncpg://postgres:pw@127.0.0.1:5433/t_1"

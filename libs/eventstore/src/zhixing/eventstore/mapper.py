"""Maps pydantic domain events to stored events and back (JSON, optional cipher)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.persistence import Mapper, StoredEvent
from eventsourcing.utils import get_topic, resolve_topic


class PydanticMapper(Mapper[UUID]):
    def to_stored_event(self, domain_event: Any) -> StoredEvent:
        state = domain_event.model_dump(mode="json",
                                        exclude={"originator_id", "originator_version"})
        class_version = getattr(type(domain_event), "class_version", 1)
        if class_version > 1:
            state["class_version"] = class_version
        data = self.transcoder.encode(state)
        if self.compressor:
            data = self.compressor.compress(data)
        if self.cipher:
            data = self.cipher.encrypt(data)
        return StoredEvent(originator_id=domain_event.originator_id,
                           originator_version=domain_event.originator_version,
                           topic=get_topic(type(domain_event)), state=data)

    def to_domain_event(self, stored_event: StoredEvent) -> Any:
        cls = resolve_topic(stored_event.topic)
        data = stored_event.state
        if self.cipher:
            data = self.cipher.decrypt(data)
        if self.compressor:
            data = self.compressor.decompress(data)
        state: dict[str, Any] = self.transcoder.decode(data)
        version, target = state.pop("class_version", 1), getattr(cls, "class_version", 1)
        while version < target:  # upcast old stored forms (STYLE 4)
            getattr(cls, f"upcast_v{version}_v{version + 1}")(state)
            version += 1
        return cls(originator_id=stored_event.originator_id,
                   originator_version=stored_event.originator_version, **state)

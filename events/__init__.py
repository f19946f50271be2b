"""Articles in, events out: reading, dates, extraction and the event store.

Public records: :class:`events.model.Article`, :class:`events.model.Event`.
"""

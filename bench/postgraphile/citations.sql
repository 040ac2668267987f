-- Computed columns for PostGraphile 4 (bench/postgraphile.py): each cited field's citations, as citegraph
-- serves them: the links of the row's current value (value_id IS NULL), ordered by source, start offset, id
-- (compared bytewise, as citegraph sorts them). Created in the bench's throwaway database only; citegraph's
-- schema does not have them. PostGraphile exposes `event_title_citations(event)` as `Event.titleCitations`.

-- One query for every field; PostgreSQL inlines both levels of these SQL functions into the caller.
CREATE FUNCTION field_citations(entity text, key text, name text) RETURNS SETOF citation LANGUAGE sql STABLE AS $$
  SELECT ct.* FROM fact_citation fc JOIN citation ct ON ct.id = fc.citation_id
  WHERE fc.entity_type = entity AND fc.entity_id = key AND fc.field = name AND fc.value_id IS NULL
  ORDER BY ct.source_id COLLATE "C", ct.start_offset, ct.id COLLATE "C"
$$;

CREATE FUNCTION event_title_citations(ev event) RETURNS SETOF citation LANGUAGE sql STABLE AS $$
  SELECT * FROM field_citations('event', ev.id, 'title')
$$;

CREATE FUNCTION event_kind_citations(ev event) RETURNS SETOF citation LANGUAGE sql STABLE AS $$
  SELECT * FROM field_citations('event', ev.id, 'kind')
$$;

CREATE FUNCTION event_date_citations(ev event) RETURNS SETOF citation LANGUAGE sql STABLE AS $$
  SELECT * FROM field_citations('event', ev.id, 'date')
$$;

CREATE FUNCTION event_description_citations(ev event) RETURNS SETOF citation LANGUAGE sql STABLE AS $$
  SELECT * FROM field_citations('event', ev.id, 'description')
$$;

CREATE FUNCTION casualty_event_citations(cas casualty) RETURNS SETOF citation LANGUAGE sql STABLE AS $$
  SELECT * FROM field_citations('casualty', cas.id, 'event')
$$;

CREATE FUNCTION casualty_description_citations(cas casualty) RETURNS SETOF citation LANGUAGE sql STABLE AS $$
  SELECT * FROM field_citations('casualty', cas.id, 'description')
$$;

CREATE FUNCTION casualty_outcome_citations(cas casualty) RETURNS SETOF citation LANGUAGE sql STABLE AS $$
  SELECT * FROM field_citations('casualty', cas.id, 'outcome')
$$;

CREATE FUNCTION casualty_count_citations(cas casualty) RETURNS SETOF citation LANGUAGE sql STABLE AS $$
  SELECT * FROM field_citations('casualty', cas.id, 'count')
$$;

-- Computed columns for PostGraphile 4 (bench/postgraphile.py): each cited field's citations, as citegraph
-- serves them: the links of the row's current value (value_id IS NULL), ordered by source, start offset, id
-- (compared bytewise, as citegraph sorts them). Created in the bench's throwaway database only; citegraph's
-- schema does not have them. PostGraphile exposes `event_title_citations(event)` as `Event.titleCitations`.

CREATE FUNCTION event_title_citations(ev event) RETURNS SETOF citation LANGUAGE sql STABLE AS $$
  SELECT ct.* FROM fact_citation fc JOIN citation ct ON ct.id = fc.citation_id
  WHERE fc.entity_type = 'event' AND fc.entity_id = ev.id AND fc.field = 'title' AND fc.value_id IS NULL
  ORDER BY ct.source_id COLLATE "C", ct.start_offset, ct.id COLLATE "C"
$$;

CREATE FUNCTION event_kind_citations(ev event) RETURNS SETOF citation LANGUAGE sql STABLE AS $$
  SELECT ct.* FROM fact_citation fc JOIN citation ct ON ct.id = fc.citation_id
  WHERE fc.entity_type = 'event' AND fc.entity_id = ev.id AND fc.field = 'kind' AND fc.value_id IS NULL
  ORDER BY ct.source_id COLLATE "C", ct.start_offset, ct.id COLLATE "C"
$$;

CREATE FUNCTION event_date_citations(ev event) RETURNS SETOF citation LANGUAGE sql STABLE AS $$
  SELECT ct.* FROM fact_citation fc JOIN citation ct ON ct.id = fc.citation_id
  WHERE fc.entity_type = 'event' AND fc.entity_id = ev.id AND fc.field = 'date' AND fc.value_id IS NULL
  ORDER BY ct.source_id COLLATE "C", ct.start_offset, ct.id COLLATE "C"
$$;

CREATE FUNCTION event_description_citations(ev event) RETURNS SETOF citation LANGUAGE sql STABLE AS $$
  SELECT ct.* FROM fact_citation fc JOIN citation ct ON ct.id = fc.citation_id
  WHERE fc.entity_type = 'event' AND fc.entity_id = ev.id AND fc.field = 'description' AND fc.value_id IS NULL
  ORDER BY ct.source_id COLLATE "C", ct.start_offset, ct.id COLLATE "C"
$$;

CREATE FUNCTION casualty_event_citations(cas casualty) RETURNS SETOF citation LANGUAGE sql STABLE AS $$
  SELECT ct.* FROM fact_citation fc JOIN citation ct ON ct.id = fc.citation_id
  WHERE fc.entity_type = 'casualty' AND fc.entity_id = cas.id AND fc.field = 'event' AND fc.value_id IS NULL
  ORDER BY ct.source_id COLLATE "C", ct.start_offset, ct.id COLLATE "C"
$$;

CREATE FUNCTION casualty_description_citations(cas casualty) RETURNS SETOF citation LANGUAGE sql STABLE AS $$
  SELECT ct.* FROM fact_citation fc JOIN citation ct ON ct.id = fc.citation_id
  WHERE fc.entity_type = 'casualty' AND fc.entity_id = cas.id AND fc.field = 'description' AND fc.value_id IS NULL
  ORDER BY ct.source_id COLLATE "C", ct.start_offset, ct.id COLLATE "C"
$$;

CREATE FUNCTION casualty_outcome_citations(cas casualty) RETURNS SETOF citation LANGUAGE sql STABLE AS $$
  SELECT ct.* FROM fact_citation fc JOIN citation ct ON ct.id = fc.citation_id
  WHERE fc.entity_type = 'casualty' AND fc.entity_id = cas.id AND fc.field = 'outcome' AND fc.value_id IS NULL
  ORDER BY ct.source_id COLLATE "C", ct.start_offset, ct.id COLLATE "C"
$$;

CREATE FUNCTION casualty_count_citations(cas casualty) RETURNS SETOF citation LANGUAGE sql STABLE AS $$
  SELECT ct.* FROM fact_citation fc JOIN citation ct ON ct.id = fc.citation_id
  WHERE fc.entity_type = 'casualty' AND fc.entity_id = cas.id AND fc.field = 'count' AND fc.value_id IS NULL
  ORDER BY ct.source_id COLLATE "C", ct.start_offset, ct.id COLLATE "C"
$$;

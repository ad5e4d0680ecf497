-- History rows are now written by one INSERT ... SELECT FROM unnest per request, each row taking its id from the
-- sequence's default, instead of by Hibernate's pooled optimizer (which reserved blocks of 50 per nextval).
ALTER SEQUENCE entity_history_id_seq INCREMENT BY 1;

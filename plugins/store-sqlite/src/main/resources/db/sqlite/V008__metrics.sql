-- /metrics counts deliveries per channel and state at every scrape: from this index alone, not the table.
CREATE INDEX deliveries_channel_state ON deliveries (channel, state);

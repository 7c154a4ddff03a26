SELECT interface_id, log_status, count(*) AS n FROM flows GROUP BY 1, 2 ORDER BY 1, 2

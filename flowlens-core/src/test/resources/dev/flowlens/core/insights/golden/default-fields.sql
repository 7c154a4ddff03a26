SELECT "start", concat_ws(' ', coalesce(CAST("version" AS VARCHAR), '-'), coalesce("account_id", '-'), coalesce("interface_id", '-'), coalesce("srcaddr", '-'), coalesce("dstaddr", '-'), coalesce(CAST("srcport" AS VARCHAR), '-'), coalesce(CAST("dstport" AS VARCHAR), '-'), coalesce(CAST("protocol" AS VARCHAR), '-'), coalesce(CAST("packets" AS VARCHAR), '-'), coalesce(CAST("bytes" AS VARCHAR), '-'), coalesce(CAST("start" AS VARCHAR), '-'), coalesce(CAST("end" AS VARCHAR), '-'), coalesce("action", '-'), coalesce("log_status", '-')) FROM flows WHERE (("action" = ?)) ORDER BY "start" DESC LIMIT ?
  $1 = 'REJECT' (String)
  $2 = 1000 (Long)
  columns: @timestamp:TIMESTAMP @message:TEXT

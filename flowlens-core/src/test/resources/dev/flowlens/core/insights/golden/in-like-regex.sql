SELECT "start", concat_ws(' ', coalesce(CAST("version" AS VARCHAR), '-'), coalesce("account_id", '-'), coalesce("interface_id", '-'), coalesce("srcaddr", '-'), coalesce("dstaddr", '-'), coalesce(CAST("srcport" AS VARCHAR), '-'), coalesce(CAST("dstport" AS VARCHAR), '-'), coalesce(CAST("protocol" AS VARCHAR), '-'), coalesce(CAST("packets" AS VARCHAR), '-'), coalesce(CAST("bytes" AS VARCHAR), '-'), coalesce(CAST("start" AS VARCHAR), '-'), coalesce(CAST("end" AS VARCHAR), '-'), coalesce("action", '-'), coalesce("log_status", '-')) FROM flows WHERE ((((("dstport" IN (?, ?)) AND coalesce(contains("srcaddr", ?), false)) AND coalesce(regexp_matches("interface_id", ?), false)) AND (NOT ("log_status" <> ?)))) ORDER BY "start" DESC LIMIT 1000
  $1 = 22 (Long)
  $2 = 3389 (Long)
  $3 = '10.' (String)
  $4 = '^eni-(?i)AB' (String)
  $5 = 'OK' (String)
  columns: @timestamp:TIMESTAMP @message:TEXT

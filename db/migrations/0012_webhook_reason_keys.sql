-- points.* webhooks carry the reason as the ledger holds it: the caller's text in `reason`, or, where the
-- wallet (or a caller) named it by catalogue key since 0008, `reasonKey` + `reasonParams` (a JSON object)
-- with `reason` "". Replacing the trigger adds fields only; an older Worker is unaffected (expand).
DROP TRIGGER IF EXISTS `events_ledger_insert`;
--> statement-breakpoint
CREATE TRIGGER `events_ledger_insert` AFTER INSERT ON `ledger_projection`
BEGIN
  INSERT INTO `events` (`id`, `type`, `uid`, `payload`, `created_at`) VALUES (
    'evt_' || lower(hex(randomblob(16))), 'points.' || NEW.kind, NEW.uid,
    json_object('type', 'points.' || NEW.kind,
      'timestamp', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.created_at / 1000.0, 'unixepoch'),
      'data', json_object('uid', NEW.uid, 'entryId', NEW.uid || ':' || NEW.seq, 'seq', NEW.seq, 'kind', NEW.kind,
        'points', NEW.amount, 'balance', NEW.balance_after, 'reason', NEW.reason,
        'reasonKey', NEW.reason_key,
        'reasonParams', CASE WHEN NEW.reason_params IS NULL OR NOT json_valid(NEW.reason_params) THEN NULL
                             ELSE json(NEW.reason_params) END,
        'source', NEW.source, 'ref', NEW.ref)),
    cast(unixepoch('subsec') * 1000 as integer));
END;

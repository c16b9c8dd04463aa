ALTER TABLE `orders` ADD `pay_deadline_at` integer;--> statement-breakpoint
ALTER TABLE `payment_settings` ADD `pay_window_minutes` integer DEFAULT 15 NOT NULL;--> statement-breakpoint
-- An order with a cash part gets its payment deadline at birth, from the merchant's setting at that moment
-- (changing the setting later never shortens or stretches the window of an order already placed).
CREATE TRIGGER `orders_pay_deadline` AFTER INSERT ON `orders`
WHEN NEW.cash_fen > 0 AND NEW.pay_deadline_at IS NULL
BEGIN
  UPDATE `orders` SET `pay_deadline_at` = NEW.created_at + 60000 *
    coalesce((SELECT `pay_window_minutes` FROM `payment_settings` WHERE `id` = 1), 15)
  WHERE `id` = NEW.id;
END;
--> statement-breakpoint
-- order.paid for merchants' webhooks: a payment becoming paid (from its notification, a query or the sweeper),
-- once: the payments row moves pending|closed → paid at most once (worker/payments/apply-payment.ts).
CREATE TRIGGER `events_payment_paid_update` AFTER UPDATE OF `state` ON `payments`
WHEN OLD.state <> 'paid' AND NEW.state = 'paid'
BEGIN
  INSERT INTO `events` (`id`, `type`, `uid`, `payload`, `created_at`) VALUES (
    'evt_' || lower(hex(randomblob(16))), 'order.paid', NEW.uid,
    json_object('type', 'order.paid',
      'timestamp', strftime('%Y-%m-%dT%H:%M:%fZ', coalesce(NEW.paid_at, NEW.updated_at) / 1000.0, 'unixepoch'),
      'data', json_object('orderId', NEW.order_id, 'uid', NEW.uid, 'provider', NEW.provider,
        'amountFen', NEW.amount_fen, 'transactionId', NEW.transaction_id, 'channel', NEW.channel)),
    cast(unixepoch('subsec') * 1000 as integer));
END;
--> statement-breakpoint
CREATE TRIGGER `events_payment_paid_insert` AFTER INSERT ON `payments`
WHEN NEW.state = 'paid'
BEGIN
  INSERT INTO `events` (`id`, `type`, `uid`, `payload`, `created_at`) VALUES (
    'evt_' || lower(hex(randomblob(16))), 'order.paid', NEW.uid,
    json_object('type', 'order.paid',
      'timestamp', strftime('%Y-%m-%dT%H:%M:%fZ', coalesce(NEW.paid_at, NEW.updated_at) / 1000.0, 'unixepoch'),
      'data', json_object('orderId', NEW.order_id, 'uid', NEW.uid, 'provider', NEW.provider,
        'amountFen', NEW.amount_fen, 'transactionId', NEW.transaction_id, 'channel', NEW.channel)),
    cast(unixepoch('subsec') * 1000 as integer));
END;

/**
 * Every metric an Alur service exports under its own name, so that the alert rules and the dashboard
 * in infra/ can be checked against what the services really serve. prom-client's default process
 * and Node.js metrics (`process_*`, `nodejs_*`) come on top.
 */
export const METRICS = {
  httpRequestDuration: 'alur_http_request_duration_seconds',
  rpcHandlingDuration: 'alur_rpc_handling_duration_seconds',
  outboxBacklog: 'alur_outbox_backlog',
  outboxOldestAge: 'alur_outbox_oldest_unpublished_age_seconds',
  deadLetters: 'alur_dead_letters_open',
  parkedAggregates: 'alur_parked_aggregates',
  inboundEvents: 'alur_inbound_events',
  inboundOldestAge: 'alur_inbound_oldest_pending_age_seconds',
  consumerRunning: 'alur_consumer_running',
  consumerPending: 'alur_consumer_pending_messages',
  consumerAckPending: 'alur_consumer_ack_pending_messages',
  dbPoolConnections: 'alur_db_pool_connections',
  dbPoolMax: 'alur_db_pool_max_connections',
  approvalStagesOpen: 'alur_approval_stages_open',
  approvalStagesOverdue: 'alur_approval_stages_overdue',
  notificationDeliveries: 'alur_notification_deliveries',
  eventsRecorded: 'alur_events_recorded_total',
  eventsPublished: 'alur_events_published_total',
  eventsHandled: 'alur_events_handled_total',
  eventsFailed: 'alur_events_failed_total',
  eventsIgnored: 'alur_events_ignored_total',
  outboxDrains: 'alur_outbox_drains_total',
  outboxDrainSpacing: 'alur_outbox_drain_spacing_seconds',
  timersScheduled: 'alur_timers_scheduled_total',
  timersFired: 'alur_timers_fired_total',
  timerLateness: 'alur_timer_lateness_seconds',
} as const;

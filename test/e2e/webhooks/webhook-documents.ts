/** Admin API operations on webhooks, shared by the webhook e2e specs. */
export const CREATE = `mutation($i: CreateWebhookInput!) { createWebhook(input: $i) { webhook { id url events brandCode enabled createdAt } secret } }`;
export const LIST = `{ webhooks { id url events brandCode enabled } }`;
export const UPDATE = `mutation($id: ID!, $i: UpdateWebhookInput!) { updateWebhook(id: $id, input: $i) { id url events brandCode enabled } }`;
export const DELETE = `mutation($id: ID!) { deleteWebhook(id: $id) }`;
export const DELIVERIES = `query($w: ID, $s: WebhookDeliveryStatus, $f: Int, $a: String) {
  webhookDeliveries(webhookId: $w, status: $s, first: $f, after: $a) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id webhookId eventId eventType status attempts lastStatusCode lastError deliveredAt nextAttemptAt } } } }`;
export const REDELIVER = `mutation($id: ID!) { redeliverWebhookDelivery(id: $id) { id status attempts eventId } }`;

/** Fast polling, a 1 s receiver timeout (claims lease 4 s) and a retry schedule starting at 100 ms (then 600 ms, 2.4 s …). */
export const WEBHOOK_ENV = {
  WEBHOOK_POLL_MS: '100',
  WEBHOOK_TIMEOUT_MS: '1000',
  WEBHOOK_RETRY_BASE_MS: '100',
};

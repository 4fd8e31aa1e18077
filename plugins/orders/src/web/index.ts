import { defineWebModule } from '@switchboard/sdk/web';
import './audit-page.js';
import './catalogue-page.js';
import './customers-page.js';
import './my-orders-page.js';
import './place-order-page.js';
import './queue-page.js';
import './users-page.js';

/**
 * The orders plugin in the shell: the catalogue and the account's numbers (`#/orders`), placing
 * and following orders, the fulfilment queue for staff, users and roles, the audit trail, the
 * customers below a reseller or the carrier. The changes of orders reach the shell's notification
 * list from the server (GET /notifications).
 */
export default defineWebModule({
  pages: {
    '': 'orders-catalogue-page',
    order: 'orders-place-page',
    'my-orders': 'orders-my-orders-page',
    queue: 'orders-queue-page',
    users: 'orders-users-page',
    customers: 'orders-customers-page',
    audit: 'orders-audit-page',
  },
});

import { defineWebModule } from '@switchboard/sdk/web';
import './numbers-page.js';
import './plan-page.js';

/** The toll-free plugin in the shell: the numbers and re-routes (`#/toll-free`) and one plan's editor (`#/toll-free/plans/<id>`). */
export default defineWebModule({
  pages: { '': 'toll-free-page', plans: 'toll-free-plan-page' },
});

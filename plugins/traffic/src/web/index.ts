import { defineWebModule } from '@switchboard/sdk/web';
import './monitor-page.js';

/** The traffic plugin in the shell: the real-time monitor, its main page (`#/traffic`). */
export default defineWebModule({
  pages: { '': 'traffic-monitor' },
});

// Every page of the workspace: its hash path, who may open it, and its place in the menu.
// A page a role may not open is neither in that role's menu nor reachable by its address.
import { ProductsPage } from './pages/products.js';
import { ProductPage } from './pages/product.js';
import { DiffPage } from './pages/diff.js';
import { SimulationsPage, SimulationPage } from './pages/simulation.js';
import { ReviewsPage } from './pages/reviews.js';
import { EditorPage } from './pages/editor.js';
import { ScenariosPage } from './pages/scenarios.js';

const PM = 'PRODUCT_MANAGER';
const APPROVER = 'APPROVER';
const AUDITOR = 'AUDITOR';

export const ROUTES = [
  { path: '/products', page: ProductsPage, roles: [PM, APPROVER, AUDITOR], nav: 'nav.products' },
  { path: '/products/:code', page: ProductPage, roles: [PM, APPROVER, AUDITOR] },
  { path: '/products/:code/diff', page: DiffPage, roles: [PM, APPROVER, AUDITOR] },
  { path: '/products/:code/versions/:version/simulations', page: SimulationsPage, roles: [PM, APPROVER, AUDITOR] },
  { path: '/simulations/:code/:version/:id', page: SimulationPage, roles: [PM, APPROVER, AUDITOR] },
  { path: '/reviews', page: ReviewsPage, roles: [APPROVER], nav: 'nav.reviews' },
  { path: '/products/:code/versions/:version', page: EditorPage, roles: [PM, APPROVER, AUDITOR] },
  { path: '/products/:code/scenarios', page: ScenariosPage, roles: [PM, APPROVER, AUDITOR] },
];

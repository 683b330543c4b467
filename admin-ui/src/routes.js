// Every page of the workspace: its hash path, who may open it, and its place in the menu.
// A page a role may not open is neither in that role's menu nor reachable by its address.
import { ProductsPage } from './pages/products.js';
import { ProductPage } from './pages/product.js';
import { BatchesPage } from './pages/batches.js';

const PM = 'PRODUCT_MANAGER';
const APPROVER = 'APPROVER';
const AUDITOR = 'AUDITOR';
const OFFICER = 'CREDIT_OFFICER';

export const ROUTES = [
  { path: '/products', page: ProductsPage, roles: [PM, APPROVER, AUDITOR], nav: 'nav.products' },
  { path: '/products/:code', page: ProductPage, roles: [PM, APPROVER, AUDITOR] },
  { path: '/batches', page: BatchesPage, roles: [OFFICER], nav: 'nav.batches' },
];

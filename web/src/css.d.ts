// SPDX-License-Identifier: MIT
// css.d.ts: lets main.ts import stylesheets, which esbuild bundles into app.css.
declare module "*.css";

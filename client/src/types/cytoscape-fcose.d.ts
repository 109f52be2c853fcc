// cytoscape-fcose ships no type definitions; it is a Cytoscape extension registered with cytoscape.use().
declare module 'cytoscape-fcose' {
  import type { Ext } from 'cytoscape';
  const fcose: Ext;
  export default fcose;
}

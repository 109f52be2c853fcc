import { describe, expect, it } from 'vitest';
import { chooseRenderer, rendererOptions } from '../../../client/src/features/graph/cytoscape/renderer.ts';

describe('graph renderer choice', () => {
  const yes = () => true;
  const no = () => false;

  it('uses WebGL mode where WebGL2 exists and the canvas renderer elsewhere', () => {
    expect(chooseRenderer('', yes)).toBe('webgl');
    expect(chooseRenderer('?ring=ring-1', yes)).toBe('webgl');
    expect(chooseRenderer('', no)).toBe('canvas');
  });

  it('lets ?renderer=canvas force the canvas renderer, and never asks for WebGL without WebGL2', () => {
    expect(chooseRenderer('?renderer=canvas', yes)).toBe('canvas');
    expect(chooseRenderer('?renderer=webgl', no)).toBe('canvas');
    expect(chooseRenderer('?renderer=webgl', yes)).toBe('webgl');
    expect(chooseRenderer('?renderer=vulkan', yes)).toBe('webgl');
  });

  it('turns the choice into Cytoscape options', () => {
    expect(rendererOptions('webgl')).toEqual({ renderer: { name: 'canvas', webgl: true } });
    expect(rendererOptions('canvas')).toEqual({});
  });
});

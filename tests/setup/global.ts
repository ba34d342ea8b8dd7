import { browserExecutable } from '../../src/browser/launch.js';

export default async function setup() {
  await browserExecutable();
}

export const usage = 'npm run proof:notes -- <proof.pdf>';
export async function run(): Promise<number> {
  return 2;
}

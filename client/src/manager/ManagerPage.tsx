export function ManagerPage() {
  return null;
}

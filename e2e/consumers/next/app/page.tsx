import { Tasks } from './Tasks'

// A server component page around the client component that uses echo-kit.
export default function Page() {
  return <Tasks />
}

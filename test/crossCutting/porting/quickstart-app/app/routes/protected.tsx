// A protected route as Clerk's Remix guides write one: the loader sends signed-out visitors to the sign-in page and
// reads the user with the Backend API; the action does the same for a form post.
import { UserButton } from '@clerk/remix'
import { getAuth } from '@clerk/remix/ssr.server'
import { createClerkClient } from '@clerk/remix/api.server'
import { type ActionFunction, type LoaderFunction, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'

export const loader: LoaderFunction = async (args) => {
  const { userId } = await getAuth(args)
  if (!userId) {
    return redirect('/sign-in?redirect_url=' + args.request.url)
  }
  const user = await createClerkClient({ secretKey: process.env.CLERK_SECRET_KEY }).users.getUser(userId)
  return { serialisedUser: JSON.stringify(user) }
}

export const action: ActionFunction = async (args) => {
  const { userId } = await getAuth(args)
  if (!userId) {
    return new Response('Unauthorized', { status: 401 })
  }
  const form = await args.request.formData()
  const user = await createClerkClient({ secretKey: process.env.CLERK_SECRET_KEY }).users.getUser(userId)
  return { message: `${String(form.get('greeting'))}, ${user.firstName}!` }
}

export default function Protected() {
  const { serialisedUser } = useLoaderData<{ serialisedUser: string }>()
  const user = JSON.parse(serialisedUser) as {
    id: string
    firstName: string | null
    emailAddresses: Array<{ emailAddress: string }>
  }
  const answer = useActionData<{ message: string }>()
  return (
    <div>
      <h1>Protected route</h1>
      <UserButton />
      <p data-testid="user-id">{user.id}</p>
      <p data-testid="user-email">{user.emailAddresses[0]?.emailAddress}</p>
      <Form method="post">
        <input type="hidden" name="greeting" value="Hello" />
        <button type="submit">Say hello</button>
      </Form>
      {answer ? <p data-testid="action-message">{answer.message}</p> : null}
    </div>
  )
}

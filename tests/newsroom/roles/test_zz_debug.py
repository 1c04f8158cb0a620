def test_dbg(newsroom, login):
    c = login("editor")
    r = c.get(f"/admin/pages/{newsroom.page('sport', 'draft').pk}/edit/")
    print("STATUS", r.status_code, r.headers.get("Location"))
    print("MSG", vars(r.wsgi_request._messages))
    r2 = c.get("/admin/", follow=False)
    print("PERM", "Sorry, you do not have permission" in r2.content.decode())

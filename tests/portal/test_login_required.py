import pytest

pytestmark = pytest.mark.django_db

OPEN_PAGES = ["/accounts/login/", "/admin/login/"]


@pytest.mark.parametrize("url", ["/", "/search/?q=refund", "/admin/", "/refunds-and-returns/"])
def test_anonymous_visitors_are_sent_to_the_login_page(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_policy_pages_ask_for_login(client, policy):
    response = client.get(policy.url)

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={policy.url}"


@pytest.mark.parametrize("url", OPEN_PAGES)
def test_only_the_login_pages_are_open(client, url):
    assert client.get(url).status_code == 200


def test_staff_log_in_and_land_on_the_home_page(client, staff):
    response = client.post(
        "/accounts/login/",
        {"username": "staff", "password": "correct horse battery staple"},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == "/"
    assert "Policy areas" in response.content.decode()


def test_a_wrong_password_says_so_and_keeps_the_username(client, staff):
    response = client.post("/accounts/login/", {"username": "staff", "password": "wrong"})

    html = response.content.decode()
    assert "Please enter a correct username and password" in html
    assert 'value="staff"' in html


def test_logout_ends_the_session(client, staff):
    client.force_login(staff)

    client.post("/accounts/logout/")

    assert client.get("/").status_code == 302


@pytest.mark.parametrize("role_fixture", ["staff", "supervisor", "outsider"])
def test_roles_without_admin_access_are_kept_out_of_the_admin(client, request, role_fixture):
    client.force_login(request.getfixturevalue(role_fixture))

    response = client.get("/admin/")

    assert response.status_code == 302
    assert not response["Location"].startswith("/admin/pages")


@pytest.mark.parametrize("role_fixture", ["owner", "leader"])
def test_owners_and_leadership_reach_the_admin(client, request, role_fixture):
    client.force_login(request.getfixturevalue(role_fixture))

    assert client.get("/admin/").status_code == 200

import pytest
from django.test import Client

from tests.security.world import MEMBER_ROLES, build_world


@pytest.fixture
def world(db):
    """School A: every role and one object of each kind (tests/security/world.py)."""
    return build_world("a")


@pytest.fixture
def other_world(db):
    """School B, built the same way: its ids are "another school's objects" to school A's members."""
    return build_world("b")


@pytest.fixture
def role_clients(world):
    """A signed-in test client per role of school A, and an anonymous one."""
    clients = {"anonymous": Client()}
    for role in MEMBER_ROLES:
        clients[role] = Client()
        clients[role].force_login(getattr(world, role).user)
    return clients

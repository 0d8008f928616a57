"""factory_boy factories for every app's models. Memberships are the usual entry point."""

import factory

from people.models import GuardianLink, Membership, Role, School, User


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School

    name = factory.Sequence(lambda n: f"School {n}")
    slug = factory.Sequence(lambda n: f"school-{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct horse battery")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    school = factory.SubFactory(SchoolFactory)
    role = Role.STAFF


class PupilFactory(MembershipFactory):
    role = Role.PUPIL
    user = factory.SubFactory(UserFactory, email=None)
    year_group = 8
    form = "8A"


class StaffFactory(MembershipFactory):
    role = Role.STAFF


class LeaderFactory(MembershipFactory):
    role = Role.LEADER


class ParentFactory(MembershipFactory):
    role = Role.PARENT


class GuardianLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GuardianLink

    school = factory.SelfAttribute("pupil.school")
    parent = factory.SubFactory(ParentFactory, school=factory.SelfAttribute("..pupil.school"))
    pupil = factory.SubFactory(PupilFactory)

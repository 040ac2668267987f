"""Counts as worded: bounds, wording, what is counted and the outcome the clause names."""

from proposals.counts import find_counts
from proposals.records import CountProposal, Outcome, Wording


def only(text: str) -> CountProposal:
    counts = find_counts(text)
    assert len(counts) == 1, counts
    return counts[0]


def test_at_least_gives_a_low_bound_and_no_high_one() -> None:
    count = only("United States forces killed at least 55 Venezuelan and Cuban military personnel during a raid.")
    assert (count.low, count.high, count.wording) == (55, None, Wording.AT_LEAST)
    assert count.text == "at least 55 Venezuelan and Cuban military personnel"
    assert count.outcome == Outcome.KILLED


def test_between_gives_both_bounds() -> None:
    count = only("Between 30 and 40 people were treated at the regional hospital.")
    assert (count.low, count.high, count.wording) == (30, 40, Wording.BETWEEN)
    assert count.outcome == Outcome.INJURED


def test_a_number_word_counts_a_rank() -> None:
    count = only("The dead included high-ranking officers such as two colonels.")
    assert (count.low, count.high, count.wording, count.counted) == (2, 2, Wording.EXACTLY, "colonels")


def test_twelve_workers_were_killed_is_an_exact_count_of_the_killed() -> None:
    count = only("The brigade said twelve workers were killed.")
    assert (count.low, count.high, count.wording, count.counted) == (12, 12, Wording.EXACTLY, "workers")
    assert count.outcome == Outcome.KILLED


def test_a_count_of_its_members_keeps_the_of_phrase() -> None:
    count = only("The military stated that 23 of its service members were killed during the attacks.")
    assert count.text == "23 of its service members"
    assert (count.low, count.outcome) == (23, Outcome.KILLED)


def test_a_number_and_an_outcome_alone_are_a_count() -> None:
    counts = find_counts("Twelve workers were killed and 41 injured when fire swept through the plant.")
    assert [(c.text, c.low, c.outcome) for c in counts] == [
        ("Twelve workers", 12, Outcome.KILLED),
        ("41 injured", 41, Outcome.INJURED),
    ]


def test_most_of_whom_bounds_a_part_of_the_count() -> None:
    counts = find_counts("14 journalists, most of whom were working for foreign media outlets, were detained.")
    assert [(c.low, c.high, c.wording) for c in counts] == [(14, 14, Wording.EXACTLY), (8, 14, Wording.MOST)]


def test_years_days_of_a_month_and_hours_are_not_counts() -> None:
    assert find_counts("On March 12, 2026 firefighters needed six hours; he had led it since 2023.") == []


def test_a_number_of_things_is_no_count() -> None:
    assert find_counts("The owner cut some 1,100 jobs and 12 ships waited, at a cost of $4 million.") == []


def test_a_number_of_things_with_an_outcome_is_a_count() -> None:
    count = only("Nine vehicles were seized at the border.")
    assert (count.low, count.counted, count.outcome) == (9, "vehicles", Outcome.DETAINED)


def test_a_number_of_people_in_a_sentence_naming_no_outcome_is_no_count() -> None:
    assert find_counts("At least 31 people were aboard when the ferry left the harbour.") == []


def test_a_number_of_people_in_a_sentence_naming_an_outcome_elsewhere_is_a_count() -> None:
    count = only("Among the dead were a farmer and his two sons, whose car left the road.")
    assert (count.low, count.counted, count.outcome) == (2, "sons", None)


def test_drowned_is_an_outcome_of_killing() -> None:
    assert only("Nine passengers drowned last spring.").outcome == Outcome.KILLED


def test_taken_to_hospital_is_an_outcome_of_injury() -> None:
    assert only("Two of the officers were taken to St Anne's Hospital.").outcome == Outcome.INJURED


def test_no_one_is_no_count_of_one() -> None:
    assert find_counts("Police said no one was arrested.") == []


def test_bodies_recovered_count_the_killed() -> None:
    count = only("Rescuers recovered 14 bodies overnight.")
    assert (count.low, count.high, count.counted, count.outcome) == (14, 14, "bodies", Outcome.KILLED)


def test_confirmed_deaths_count_the_killed() -> None:
    count = only("His divers had confirmed 11 deaths.")
    assert (count.low, count.outcome) == (11, Outcome.KILLED)


def test_a_death_toll_counts_the_killed_from_the_words_death_toll() -> None:
    count = only("The fire chief put the death toll at 11.")
    assert (count.text, count.low, count.high, count.outcome) == ("death toll at 11", 11, 11, Outcome.KILLED)


def test_a_death_toll_keeps_the_qualifier_of_its_figure() -> None:
    count = only("The death toll rose to at least 30 on Sunday.")
    assert (count.low, count.high, count.wording) == (30, None, Wording.AT_LEAST)


def test_a_part_given_as_n_of_them_takes_the_outcome_of_the_count_before_it() -> None:
    part = find_counts("The hospital was treating 23 of the injured, six of them in intensive care.")[-1]
    assert (part.text, part.low, part.outcome) == ("six of them", 6, Outcome.INJURED)


def test_a_part_given_as_n_of_them_names_its_own_outcome_where_its_clause_does() -> None:
    part = find_counts("Police detained nine people. Five of them were later released without charge.")[-1]
    assert (part.text, part.low, part.outcome) == ("Five of them", 5, Outcome.RELEASED)


def test_n_of_them_with_no_count_before_it_is_no_count() -> None:
    assert find_counts("Five of them were later released without charge.") == []


def test_every_one_of_them_is_no_count() -> None:
    counts = find_counts('Nine miners were killed. "Every one of them should have been brought up," he said.')
    assert [count.text for count in counts] == ["Nine miners"]


def test_a_death_toll_skips_a_preposition_with_no_figure_after_it() -> None:
    count = only("The death toll of the earthquake in the north rose to 40.")
    assert (count.low, count.high, count.outcome) == (40, 40, Outcome.KILLED)


def test_the_number_of_dead_at_a_figure_is_a_count_of_the_killed() -> None:
    count = only("Officials put the number of dead at 42 by Friday.")
    assert (count.low, count.high, count.wording, count.outcome) == (42, 42, Wording.EXACTLY, Outcome.KILLED)
    assert count.text == "number of dead at 42"


def test_the_number_of_injured_is_a_count_of_the_injured() -> None:
    count = only("Rescuers said the number of injured stood at 150.")
    assert (count.low, count.outcome) == (150, Outcome.INJURED)


def test_the_toll_stands_at_a_figure_is_a_count_of_the_killed() -> None:
    count = only("The toll now stands at 44, the ministry said.")
    assert (count.low, count.high, count.outcome) == (44, 44, Outcome.KILLED)


def test_a_toll_with_no_figure_of_people_is_no_count() -> None:
    assert find_counts("Toll charges on the bridge rose to 5 euros.") == []


def test_a_dozen_people_is_about_twelve() -> None:
    count = only("A dozen people were taken to hospital with burns.")
    assert (count.low, count.high, count.wording, count.outcome) == (12, 12, Wording.ABOUT, Outcome.INJURED)


def test_about_a_dozen_is_about_twelve() -> None:
    count = only("About a dozen villagers were still missing on Tuesday.")
    assert (count.low, count.high, count.wording, count.outcome) == (12, 12, Wording.ABOUT, Outcome.MISSING)


def test_more_than_a_dozen_is_at_least_thirteen() -> None:
    count = only("More than a dozen guards were wounded.")
    assert (count.low, count.high, count.wording) == (13, None, Wording.AT_LEAST)


def test_dozens_of_people_with_an_outcome_is_many() -> None:
    count = only("Dozens of people were injured when the roof fell.")
    assert (count.low, count.high, count.wording, count.outcome) == (None, None, Wording.MANY, Outcome.INJURED)


def test_hundreds_with_no_noun_before_an_outcome_is_many() -> None:
    count = only("Hundreds were injured as the crowd fled.")
    assert (count.wording, count.text) == (Wording.MANY, "Hundreds were injured")


def test_scores_of_passengers_hurt_is_many() -> None:
    assert only("Scores of passengers were hurt in the collision.").wording == Wording.MANY


def test_hundreds_of_things_is_no_count() -> None:
    assert find_counts("Hundreds of homes were flooded.") == []


def test_thousands_of_people_with_no_outcome_is_no_count() -> None:
    assert find_counts("Thousands of people marched through the capital.") == []


def test_left_a_figure_dead_is_a_count_of_the_killed() -> None:
    count = only("The storm left at least nine people dead.")
    assert (count.low, count.high, count.wording, count.outcome) == (9, None, Wording.AT_LEAST, Outcome.KILLED)


def test_killing_a_figure_of_people_is_a_count_of_the_killed() -> None:
    count = only("A bus plunged into a ravine, killing 15 people.")
    assert (count.low, count.outcome) == (15, Outcome.KILLED)


def test_killing_a_bare_figure_is_a_count_of_the_killed() -> None:
    count = only("The attack, killing at least 7, was condemned abroad.")
    assert (count.low, count.wording, count.outcome, count.text) == (7, Wording.AT_LEAST, Outcome.KILLED, "at least 7")


def test_claimed_a_figure_of_lives_is_a_count_of_the_killed() -> None:
    count = only("The earthquake has claimed 300 lives, officials said.")
    assert (count.low, count.outcome, count.text) == (300, Outcome.KILLED, "300 lives")


def test_saved_lives_are_no_count() -> None:
    assert find_counts("Lifeguards saved 40 lives this summer.") == []


def test_claimed_the_lives_of_a_figure_is_a_count_of_the_killed() -> None:
    count = only("The blaze claimed the lives of six firefighters.")
    assert (count.low, count.outcome) == (6, Outcome.KILLED)


def test_a_figure_of_others_hurt_is_a_count_of_the_injured() -> None:
    count = only("Five others were hurt in the blast.")
    assert (count.low, count.outcome) == (5, Outcome.INJURED)


def test_a_bare_figure_that_remains_unaccounted_for_is_missing() -> None:
    count = only("At least 30 remain unaccounted for after the flood.")
    assert (count.low, count.wording, count.outcome) == (30, Wording.AT_LEAST, Outcome.MISSING)


def test_a_further_figure_of_bodies_is_a_count_of_the_killed() -> None:
    count = only("Rescuers pulled a further 12 bodies from the rubble.")
    assert (count.low, count.outcome) == (12, Outcome.KILLED)


def test_a_figure_more_who_died_is_a_count_of_the_killed() -> None:
    count = only("Six more people died on Sunday.")
    assert (count.low, count.outcome) == (6, Outcome.KILLED)


def test_a_bare_figure_in_critical_condition_is_a_count_of_the_injured() -> None:
    count = only("Seven are in critical condition, the hospital said.")
    assert (count.low, count.outcome) == (7, Outcome.INJURED)


def test_more_people_with_no_outcome_is_no_count() -> None:
    assert find_counts("Some 3,000 more fans arrived without tickets.") == []


def test_the_evacuated_are_no_casualty_count() -> None:
    assert find_counts("Forty-two people were evacuated from the building.") == []


def test_killed_dozens_is_many_of_the_killed() -> None:
    count = only("Shelling killed dozens in the market.")
    assert (count.wording, count.outcome, count.text) == (Wording.MANY, Outcome.KILLED, "dozens")


def test_a_bare_figure_after_killed_is_not_given_the_next_verbs_outcome() -> None:
    [killed, _] = find_counts("The fire killed 9 and injured dozens.")
    assert (killed.low, killed.outcome, killed.text) == (9, Outcome.KILLED, "9")


def test_injured_dozens_after_a_killed_figure_is_many_of_the_injured() -> None:
    [_, injured] = find_counts("The fire killed 9 and injured dozens.")
    assert (injured.wording, injured.outcome) == (Wording.MANY, Outcome.INJURED)


def test_a_dozen_of_them_is_a_part_of_about_twelve() -> None:
    [_, part] = find_counts("Thirty people were injured, a dozen of them seriously.")
    assert (part.low, part.high, part.wording, part.outcome) == (12, 12, Wording.ABOUT, Outcome.INJURED)


def test_more_flown_to_a_burns_unit_are_injured() -> None:
    [_, flown] = find_counts("Twelve workers were hurt. Five more were flown to a burns unit in the capital.")
    assert (flown.low, flown.wording, flown.outcome) == (5, Wording.EXACTLY, Outcome.INJURED)


def test_the_number_a_stand_held_is_a_capacity_and_no_count() -> None:
    assert find_counts("Officers said the stand held 18,000 people when the barrier gave way.") == []
